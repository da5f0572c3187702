/**
 * Another worker recorded one of the group's items while this one was deciding it (its job ran
 * twice, e.g. after a stalled lock): the group rolls back and the item counts as already processed.
 */
export class InboundItemTakenError extends Error {
  constructor(readonly inboundIds: string[]) {
    super(`inbound item(s) ${inboundIds.join(', ')}: one or more were recorded by another worker meanwhile`);
  }
}
