/**
 * Some items of an intake job could not be ingested (the others were). The job fails so that BullMQ
 * tries it again with its backoff; each failure is recorded on its own item, with its own reason.
 */
export class InboundItemsFailedError extends Error {
  constructor(readonly reasons: ReadonlyMap<string, string>) {
    const [[firstId, firstReason]] = reasons;
    super(reasons.size === 1 ? `inbound ${firstId}: ${firstReason}` : `${reasons.size} inbound items failed, first ${firstId}: ${firstReason}`);
    this.name = 'InboundItemsFailedError';
  }
}
