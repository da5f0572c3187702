import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallFacts, InboundMessage } from '@app/channels';
import type { InboundItemEntity } from '../entities/inbound-item.entity.js';
import type { PhoneCallEntity } from '../entities/phone-call.entity.js';
import { TicketEntity } from '../entities/ticket.entity.js';
import type { IntakeOutcome } from '../intake/intake-outcome.js';
import { MessagesRepository } from '../messages.repository.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { TicketEventsRepository, type TicketEventInput } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import { callExternalId } from './call-external-id.js';
import { callSubject, renderCallMessage } from './call-message.js';
import { EMPTY_CALL_STATE, isMissedCall, isTerminalStatus, mergeCallFacts, newlyKnownFacts, type CallState } from './call-state.js';
import { CallerTickets } from './caller-tickets.js';
import { PhoneCallsRepository } from './phone-calls.repository.js';

/** How the intake writes tickets and messages; the call intake decides where, the intake service writes. */
export interface TicketWriter {
  open(item: InboundItemEntity, message: InboundMessage, em: EntityManager): Promise<IntakeOutcome>;
  join(ticket: TicketEntity, item: InboundItemEntity, message: InboundMessage, em: EntityManager): Promise<IntakeOutcome>;
}

/** A call's status callback came before callbacks it depends on were applied: retried with backoff. */
export class CallCallbacksPendingError extends Error {
  constructor(callSid: string) {
    super(`call ${callSid} ended but earlier callbacks of it are still pending; retrying after them`);
  }
}


/** The intake outcome of a call that ended before the menu with nothing to add it to. */
export const HUNG_UP_BEFORE_MENU = 'hung_up_before_menu';

/**
 * Applies one callback of a phone call. All callbacks of a call merge into one `phone_calls` row
 * (locked, so they apply one at a time); the call is put on a ticket once, by the first callback
 * that knows where it goes, and its card on the timeline is re-rendered from the merged facts.
 * Facts never change once known, so retried and reordered callbacks end in the same ticket.
 */
@Injectable()
export class CallIntake {
  private readonly logger = new Logger(CallIntake.name);

  constructor(
    private readonly calls: PhoneCallsRepository,
    private readonly callerTickets: CallerTickets,
    private readonly messages: MessagesRepository,
    private readonly events: TicketEventsRepository,
    private readonly notifier: CustomerNotifier,
    private readonly tickets: TicketsRepository,
  ) {}

  async ingest(item: InboundItemEntity, message: InboundMessage, facts: CallFacts, em: EntityManager, writer: TicketWriter): Promise<IntakeOutcome> {
    const firstState = mergeCallFacts(EMPTY_CALL_STATE, facts);
    const { row, inserted } = await this.calls.lock(facts.callSid, storedFields(firstState, null), em);
    // A row this callback created already holds what it says: what was known before it is nothing.
    const before = inserted ? EMPTY_CALL_STATE : stateOf(row);
    let state = mergeCallFacts(before, facts);
    if (!state.choice && facts.ticketDigits && state.caller) {
      // The menu answered the caller with this same rule; a number that is not theirs is no choice yet.
      const ticket = await this.callerTickets.findByDigits(state.caller, facts.ticketDigits, em);
      if (ticket) state = { ...state, choice: { kind: 'ticket', ticketNumber: ticket.number } };
    }

    // An end with no recording known yet, while earlier callbacks (the recording's) are still being
    // applied, would flag a missed call only to clear it a moment later: apply those first.
    if (isMissedCall(state) && facts.status && (await this.calls.hasPendingCallbacks(facts.itemKeyPrefixes, item.id, em))) {
      throw new CallCallbacksPendingError(facts.callSid);
    }
    if (row.ticketId) return this.update(row, row.ticketId, before, state, em);

    if (!state.caller) {
      await this.save(row, state, em);
      return { kind: 'skipped', reason: 'caller_number_withheld', deliveryIds: [] };
    }
    if (!state.choice && !isTerminalStatus(state.callStatus)) {
      await this.save(row, state, em);
      return { kind: 'skipped', reason: 'call_in_progress', deliveryIds: [] };
    }
    // The call ended before we know what the caller chose: apply the menu's callbacks first.
    if (!state.choice && (await this.calls.hasPendingCallbacks(facts.itemKeyPrefixes, item.id, em))) {
      throw new CallCallbacksPendingError(facts.callSid);
    }
    return this.place(item, message, row, state, em, writer);
  }

  /** Puts the call on its ticket: the one chosen, a new one, or (missed before choosing) the caller's open one. */
  private async place(
    item: InboundItemEntity,
    message: InboundMessage,
    row: PhoneCallEntity,
    state: CallState,
    em: EntityManager,
    writer: TicketWriter,
  ): Promise<IntakeOutcome> {
    const caller = state.caller!;
    const card: InboundMessage = {
      ...message,
      externalId: callExternalId(row.callSid),
      subject: callSubject(caller),
      text: renderCallMessage(state),
      threadRefs: [],
      conversationRef: undefined,
      customerSeverity: undefined,
      call: undefined,
    };
    const choice = state.choice;
    const existing =
      choice?.kind === 'ticket'
        ? await this.callerTickets.findForCaller(caller, choice.ticketNumber, em)
        : choice === null
          ? await this.callerTickets.findOpen(caller, em)
          : null;

    // Hung up during the greeting, before choosing and without a message, with nothing open to add it
    // to: no ticket and no "Registramos tu solicitud" SMS for a call that asked for nothing; the call
    // stays as a missed call agents see and may return (docs/channels.md, "Hang-ups").
    if (!existing && choice === null && isMissedCall(state)) {
      await this.save(row, state, em);
      this.logger.log(`call ${row.callSid} ended during the greeting: kept as a missed call, no ticket`);
      return { kind: 'skipped', reason: HUNG_UP_BEFORE_MENU, deliveryIds: [] };
    }

    let outcome: IntakeOutcome;
    const deliveryIds: string[] = [];
    if (existing) {
      outcome = await writer.join(existing, item, card, em);
      const contact = existing.contact!;
      const confirmation = await this.notifier.queueCallConfirmation(existing, contact, caller, row.callSid, em);
      if (confirmation.deliveryId) deliveryIds.push(confirmation.deliveryId);
    } else {
      const severity = choice?.kind === 'severity' ? choice.severity : undefined;
      outcome = await writer.open(item, { ...card, conversationRef: row.callSid, customerSeverity: severity }, em);
    }
    if (!('ticketId' in outcome) || !outcome.ticketId) throw new Error(`call ${row.callSid} could not be put on a ticket (${outcome.kind})`);
    const saved = await this.messages.findByExternalId('phone', callExternalId(row.callSid), em);
    await this.save(row, state, em, { ticketId: outcome.ticketId, messageId: saved?.id ?? null });
    await this.recordFacts(row.callSid, outcome.ticketId, EMPTY_CALL_STATE, false, state, em);
    this.logger.log(`call ${row.callSid} → ${existing ? 'joined' : 'opened'} ticket ${'ticketNumber' in outcome ? outcome.ticketNumber : ''}`);
    return { ...outcome, deliveryIds: [...outcome.deliveryIds, ...deliveryIds] };
  }

  /** A later callback of a call already on a ticket: refresh its card, log what is new, keep the flag right. */
  private async update(row: PhoneCallEntity, ticketId: string, before: CallState, state: CallState, em: EntityManager): Promise<IntakeOutcome> {
    // A ticket merged since the call landed on it: the call follows its card to the merged-into ticket.
    const landed = await this.tickets.findById(ticketId, em);
    if (!landed) throw new Error(`ticket ${ticketId} of call ${row.callSid} does not exist`);
    const ticket = await this.tickets.followMerges(landed, em);
    await this.save(row, state, em, ticket.id === ticketId ? {} : { ticketId: ticket.id });
    if (row.messageId) await this.messages.updateText(row.messageId, renderCallMessage(state), em);
    await this.recordFacts(row.callSid, ticket.id, before, row.missed, state, em);
    return { kind: 'call_updated', ticketId: ticket.id, ticketNumber: ticket.number, tier: ticket.tier, deliveryIds: [] };
  }

  private async recordFacts(
    callSid: string,
    ticketId: string,
    before: CallState,
    wasMissed: boolean,
    after: CallState,
    em: EntityManager,
  ): Promise<void> {
    const events: TicketEventInput[] = newlyKnownFacts(callSid, before, after);
    const missed = isMissedCall(after);
    if (missed && !wasMissed) events.push({ type: 'missed_call', data: { callSid, status: after.callStatus, callBack: after.caller } });
    if (!missed && wasMissed) events.push({ type: 'missed_call_cleared', data: { callSid, reason: 'recording_arrived' } });
    await this.events.append(ticketId, events, em);
    // The ticket's flag says whether any of its calls is a missed one not returned: a call that is
    // not missed and was not cannot change it.
    if ((missed || wasMissed) && (missed !== wasMissed || events.length > 0)) await this.calls.refreshCallbackFlag(ticketId, em);
  }

  /** Writes the merged state (and where the call was placed), unless the row already holds exactly that. */
  private async save(row: PhoneCallEntity, state: CallState, em: EntityManager, placed: Partial<PhoneCallEntity> = {}): Promise<void> {
    const patch: Partial<PhoneCallEntity> = { ...storedFields(state, row.endedAt), ...placed };
    if (holdsAlready(row, patch)) return;
    await this.calls.update(row.callSid, patch, em);
  }
}

/** The row's columns for a merged state: it ended when its status first said so; missed as the state says. */
function storedFields(state: CallState, endedAt: Date | null): Partial<PhoneCallEntity> {
  return { ...state, endedAt: isTerminalStatus(state.callStatus) ? (endedAt ?? new Date()) : null, missed: isMissedCall(state) };
}

function holdsAlready(row: PhoneCallEntity, patch: Partial<PhoneCallEntity>): boolean {
  return Object.entries(patch).every(([key, value]) => sameValue(row[key as keyof PhoneCallEntity], value));
}

function sameValue(stored: unknown, value: unknown): boolean {
  if (stored instanceof Date || value instanceof Date) return stored instanceof Date && value instanceof Date && stored.getTime() === value.getTime();
  // The choice is JSON: compared by what it says.
  if (typeof stored === 'object' && stored !== null) return JSON.stringify(stored) === JSON.stringify(value);
  return stored === value;
}

function stateOf(row: PhoneCallEntity): CallState {
  return {
    caller: row.caller,
    called: row.called,
    choice: row.choice,
    recordingSid: row.recordingSid,
    recordingUrl: row.recordingUrl,
    recordingDurationSeconds: row.recordingDurationSeconds,
    recordingStatus: row.recordingStatus,
    transcriptionSid: row.transcriptionSid,
    transcriptionText: row.transcriptionText,
    transcriptionStatus: row.transcriptionStatus,
    callStatus: row.callStatus,
    callDurationSeconds: row.callDurationSeconds,
  };
}
