/**
 * A caller's number in the one E.164 form we store, or undefined when there is none (withheld,
 * "anonymous", a SIP or client identity). Mexican mobiles may still arrive in the pre-2019 form
 * with a "1" after +52 (+52 1 81 ...); it is dropped, so one person keeps one number.
 */
export function normalizePhoneNumber(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const compact = raw.trim().replace(/[\s().-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) return undefined;
  return /^\+521\d{10}$/.test(compact) ? `+52${compact.slice(4)}` : compact;
}

/** How a ticket number is read out: its letters one by one, then its digits one by one. */
export function splitTicketNumber(ticketNumber: string): { letters: string; digits: string } {
  const [letters = '', digits = ''] = ticketNumber.split('-');
  return { letters, digits };
}
