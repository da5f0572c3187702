import type { CallChoice } from '../contract/call-facts.js';
import type { Severity } from '../contract/severity.js';

/** The key that asks to add the call to an existing ticket (0-3 are the severities). */
export const EXISTING_TICKET_KEY = '4';
/** How often a caller may answer the menu (or type a ticket number) before we go on without it. */
export const MENU_ATTEMPTS = 2;

export type MenuOutcome = { next: 'record'; choice: CallChoice } | { next: 'ticket_prompt' } | { next: 'repeat' };

/**
 * What a key pressed at the severity menu means. The gateway uses it to answer the caller and the
 * worker to read the same callback later, so both always agree.
 */
export function interpretMenu(digits: string | undefined, attempt: number, ticketOptionOffered: boolean): MenuOutcome {
  if (digits !== undefined && /^[0-3]$/.test(digits)) return { next: 'record', choice: { kind: 'severity', severity: Number(digits) as Severity } };
  if (ticketOptionOffered && digits === EXISTING_TICKET_KEY) return { next: 'ticket_prompt' };
  return attempt >= MENU_ATTEMPTS ? { next: 'record', choice: { kind: 'none' } } : { next: 'repeat' };
}

/** A number from a query string (attempt counters), within bounds; the lower bound when absent or odd. */
export function boundedInt(raw: string | null, min: number, max: number): number {
  const value = raw !== null && /^\d{1,3}$/.test(raw) ? Number(raw) : min;
  return Math.min(Math.max(value, min), max);
}
