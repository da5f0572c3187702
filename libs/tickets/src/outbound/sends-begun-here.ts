import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel } from '@app/channels';
import type { DeliveryToSend } from './outbound-deliveries.repository.js';

/**
 * Where the caller will send from right after the commit: each delivery written begun takes one of
 * its places on that delivery's channel, or is written pending (and queued) when it has none left.
 */
export interface SendPlaces {
  take(channel: Channel): boolean;
}

/** A caller that sends nothing itself: every delivery is written pending. */
export const NO_SEND_PLACES: SendPlaces = { take: () => false };

interface Allowance {
  places: SendPlaces;
  begun: DeliveryToSend[];
}

/**
 * Per transaction, how many of the deliveries a new ticket owes (its confirmation, a verification
 * mail) the process will send itself right after the commit, and those it wrote as begun. A
 * delivery written begun (its `sendStartedAt` set in the same row) is sent from what the transaction
 * already holds: no statement reads it back and marks it begun, which at 40 events/s was a round
 * trip and about a millisecond of Postgres's planning per send. Should the process die before
 * sending it, the recovery sweep queues it like any pending delivery, and its `sendStartedAt` makes
 * the retry look first where a provider can tell (an SMS already accepted).
 */
@Injectable()
export class SendsBegunHere {
  private readonly allowances = new WeakMap<EntityManager, Allowance>();

  /** Deliveries written through `em` from now on may be written begun, as long as `places` has room for them. */
  allow(em: EntityManager, places: SendPlaces): void {
    this.allowances.set(em, { places, begun: [] });
  }

  /** Whether one more delivery of `em`, on `channel`, is to be written begun (it takes a place if so). */
  claim(em: EntityManager, channel: Channel): boolean {
    return this.allowances.get(em)?.places.take(channel) ?? false;
  }

  /** A delivery `em` wrote begun, with what sending it needs. */
  add(em: EntityManager, toSend: DeliveryToSend): void {
    this.allowances.get(em)?.begun.push(toSend);
  }

  /** The deliveries written begun since the last call, for the caller to send once `em` commits. */
  take(em: EntityManager): DeliveryToSend[] {
    const allowance = this.allowances.get(em);
    if (!allowance) return [];
    const begun = allowance.begun;
    allowance.begun = [];
    return begun;
  }
}
