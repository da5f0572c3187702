import type { CallChoice } from '../contract/call-facts.js';
import { formatDisplayTime } from '@app/platform';
import type { MaintenanceCalendar } from '../contract/maintenance-calendar.js';
import { knownOutagesSentence, type OutageBoard } from '../contract/outage-board.js';
import type { CallerTicketFinder, CallTicketFinder } from './call-tickets.js';
import { normalizePhoneNumber, splitTicketNumber } from './phone-number.js';
import type { TwilioCallback } from './twilio-callback.js';
import { MENU_ATTEMPTS, boundedInt, interpretMenu } from './voice-menu.js';
import { PROMPTS } from './voice-prompts.js';
import { CONFIRMATION_PAUSE_SECONDS, type VoiceResponses } from './voice-responses.js';

/**
 * The phone menu: what the caller hears next after each step. It reads the database only to match
 * a typed ticket number and to see whether the worker has put the call on a ticket yet; everything
 * the call tells is stored and applied by the worker.
 */
export class VoiceFlow {
  /** Checks for the ticket while the caller waits: one right after the recording, then one per pause. */
  readonly confirmationRounds: number;

  constructor(
    private readonly responses: VoiceResponses,
    private readonly callerTickets: CallerTicketFinder,
    private readonly calls: CallTicketFinder,
    private readonly notices: { outages: OutageBoard; maintenance: MaintenanceCalendar },
    confirmationWaitSeconds: number,
  ) {
    this.confirmationRounds = Math.ceil(confirmationWaitSeconds / CONFIRMATION_PAUSE_SECONDS);
  }

  async answer(callback: TwilioCallback): Promise<string> {
    const { params, query } = callback;
    const caller = normalizePhoneNumber(params.From) ?? normalizePhoneNumber(query.get('caller') ?? undefined);
    const attempt = boundedInt(query.get('attempt'), 1, MENU_ATTEMPTS);
    switch (callback.kind) {
      case 'voice':
        return caller ? this.responses.menu({ greeting: true, preface: await this.announcement(), attempt: 1, ticketOption: true }) : this.responses.withheldNumber();
      case 'menu':
        return caller ? this.afterMenu(caller, params.Digits, attempt, query.get('tickets') !== '0') : this.responses.withheldNumber();
      case 'ticket':
        return caller ? this.afterTicketNumber(caller, params.Digits ?? '', attempt) : this.responses.withheldNumber();
      case 'recorded':
      case 'confirmation':
        return this.confirm(callback, caller, boundedInt(query.get('wait'), 0, this.confirmationRounds));
      case 'recording-status':
      case 'transcription':
      case 'status':
        return this.responses.empty();
    }
  }

  /**
   * Before the menu, as the chat's banner: a known failure, so a caller who calls about it knows it
   * is being worked on, else the announced maintenance going on now (its clocks start when it ends).
   * The menu follows all the same, to report it or anything else. Never holds up the call.
   */
  private async announcement(): Promise<string[]> {
    const sentence = knownOutagesSentence(await this.notices.outages.knownOutages().catch(() => []));
    if (sentence) return [sentence, PROMPTS.outageMenuFollows];
    const window = await this.notices.maintenance.windowToAnnounce(new Date()).catch(() => null);
    return window && window.startsAt <= new Date() ? [PROMPTS.maintenanceUntil(formatDisplayTime(window.endsAt))] : [];
  }

  private afterMenu(caller: string, digits: string | undefined, attempt: number, ticketOption: boolean): string {
    const outcome = interpretMenu(digits, attempt, ticketOption);
    switch (outcome.next) {
      case 'record':
        return this.responses.record(outcome.choice, caller, outcome.choice.kind === 'none' ? [PROMPTS.menuSkipped] : []);
      case 'ticket_prompt':
        return this.responses.ticketPrompt(1);
      case 'repeat':
        return this.responses.menu({ preface: [PROMPTS.menuNotUnderstood], attempt: attempt + 1, ticketOption });
    }
  }

  /** A number of the caller's own joins the call to it; a wrong one is said back, asked again, then a new ticket. */
  private async afterTicketNumber(caller: string, digits: string, attempt: number): Promise<string> {
    const ticket = await this.callerTickets.findByDigits(caller, digits);
    if (ticket) {
      const { letters, digits: ticketDigits } = splitTicketNumber(ticket.number);
      const found = `${PROMPTS.ticketFound} ${letters.split('').join(' ')}, ${ticketDigits.split('').join(' ')}.`;
      return this.responses.record({ kind: 'ticket', ticketNumber: ticket.number }, caller, [found]);
    }
    const notFound = this.responses.ticketNotFound(digits);
    if (attempt < MENU_ATTEMPTS) return this.responses.ticketPrompt(attempt + 1, [notFound, PROMPTS.ticketTryAgain]);
    return this.responses.menu({ preface: [notFound, PROMPTS.ticketFallback], attempt: 1, ticketOption: false });
  }

  /** Says the ticket once the worker has it; until then pauses and asks again, for a bounded time. */
  private async confirm(callback: TwilioCallback, caller: string | undefined, wait: number): Promise<string> {
    const ticket = await this.calls.findCallTicket(callback.callSid);
    if (ticket) return this.responses.confirmation(ticket);
    const choice: CallChoice | undefined = callback.choice;
    if (!choice || !caller || wait >= this.confirmationRounds) return this.responses.smsFallback();
    return this.responses.waitForTicket(choice, caller, wait);
  }
}
