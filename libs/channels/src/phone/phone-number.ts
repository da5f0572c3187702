import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A caller's number in the one E.164 form we store, or undefined when there is none (withheld,
 * "anonymous", a SIP or client identity, anything not a possible number). Parsed with
 * libphonenumber's metadata. Mexican mobiles may still arrive in the pre-2019 form with a "1"
 * after +52 (+52 1 81 ...), which the metadata calls invalid; it is dropped, so one person keeps
 * one number.
 */
export function normalizePhoneNumber(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim() ?? '';
  // Twilio always sends E.164; a bare national number here is not a telephone caller's.
  if (!trimmed.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  if (parsed?.countryCallingCode === '52' && /^1\d{10}$/.test(parsed.nationalNumber)) {
    const current = parsePhoneNumberFromString(`+52${parsed.nationalNumber.slice(1)}`);
    if (current?.isValid()) return current.number;
  }
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** How a ticket number is read out: its letters one by one, then its digits one by one. */
export function splitTicketNumber(ticketNumber: string): { letters: string; digits: string } {
  const [letters = '', digits = ''] = ticketNumber.split('-');
  return { letters, digits };
}
