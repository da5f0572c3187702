import type { Severity } from '../contract/severity.js';

/** The ticket a call landed on, as the caller is told it. */
export interface CallTicket {
  number: string;
  severity: Severity;
  /** What the severity means, said after it. */
  severityMeaning: string;
  /** The call was added to a ticket that existed before it (chosen on the menu, or the caller's open one). */
  joinedExisting: boolean;
  /** An SMS confirms this call (none when the caller's confirmations of the hour are used up: the loop guard). */
  smsFollows: boolean;
}

/** Finds the ticket a caller typed the number of, if the caller takes part in it. The apps wire it to the tickets. */
export interface CallerTicketFinder {
  findByDigits(caller: string, digits: string): Promise<{ number: string } | null>;
}

/** Finds the ticket a call landed on, once the worker has put it there. The apps wire it to the tickets. */
export interface CallTicketFinder {
  findCallTicket(callSid: string): Promise<CallTicket | null>;
}

export const CALLER_TICKET_FINDER = Symbol('CALLER_TICKET_FINDER');
export const CALL_TICKET_FINDER = Symbol('CALL_TICKET_FINDER');
