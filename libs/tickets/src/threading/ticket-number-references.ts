import { newPartOfReply } from '../text/customer-text.js';

const TICKET_REFERENCE = /\bIF[-\s#]?0*(\d{1,9})\b/gi;

/** Normalises "IF-123", "if 000123" or "IF#123" to the canonical IF-000123. */
export function canonicalTicketNumber(digits: string): string {
  return `IF-${digits.padStart(6, '0')}`;
}

// The new text sits at the top of a message (as for the severity classifier): the rest is not read.
const MAX_SUBJECT_CHARS = 1_000;
const MAX_BODY_CHARS = 50_000;
// A reply names one ticket, rarely a few; the cap keeps the candidates query small whatever a mail quotes.
const MAX_TICKET_NUMBERS = 20;

/** Ticket numbers a customer quotes in a subject or in the new (unquoted) part of a body, at most 20. */
export function findTicketNumbers(subject: string, body: string): string[] {
  const found = new Set<string>();
  for (const source of [subject.slice(0, MAX_SUBJECT_CHARS), newPartOfReply(body.slice(0, MAX_BODY_CHARS))]) {
    for (const match of source.matchAll(TICKET_REFERENCE)) {
      found.add(canonicalTicketNumber(match[1]!));
      if (found.size === MAX_TICKET_NUMBERS) return [...found];
    }
  }
  return [...found];
}
