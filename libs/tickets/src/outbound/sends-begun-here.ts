import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryToSend } from './outbound-deliveries.repository.js';

interface Allowance {
  room: number;
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

  /** Up to `room` deliveries written through `em` from now on may be written begun. */
  allow(em: EntityManager, room: number): void {
    this.allowances.set(em, { room, begun: [] });
  }

  /** Whether one more delivery of `em` is to be written begun (it takes a place if so). */
  claim(em: EntityManager): boolean {
    const allowance = this.allowances.get(em);
    if (!allowance || allowance.room === 0) return false;
    allowance.room -= 1;
    return true;
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
