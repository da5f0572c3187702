import { canonicalTicketNumber } from '../threading/ticket-number-references.js';

// "3", "000003", "IF-3", "if 3", "IF#3", "#3": the same short forms mail and the phone menu accept.
const SHORT_TICKET_NUMBER = /^(?:IF)?[\s#-]*0*(\d{1,9})$/i;

/** The ticket number an agent means by a short form ("3", "000003", "IF-3" → IF-000003), if it is one. */
export function ticketNumberFromQuery(text: string): string | undefined {
  const match = SHORT_TICKET_NUMBER.exec(text.trim());
  return match ? canonicalTicketNumber(match[1]!) : undefined;
}

/**
 * The stored E.164 form of a Mexican number typed as agents say it: 10 local digits with any spaces,
 * dashes or parentheses ("81 1234 5678", "(81) 1234-5678"), or with +52 (and the old mobile "1").
 */
export function phoneFromQuery(text: string): string | undefined {
  const digits = text.trim().replace(/[\s().-]/g, '');
  const match = /^(?:\+?521?)?(\d{10})$/.exec(digits);
  return match ? `+52${match[1]!}` : undefined;
}
