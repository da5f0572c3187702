import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Numbers already parsed, by how they arrived: each callback of a call carries the same two numbers
 * and is read three times (5 µs each with libphonenumber's metadata, 1.6 % of the gateway's busy
 * time under the call load). Bounded, and emptied when full rather than kept in order.
 */
const parsedNumbers = new Map<string, string | undefined>();
const NUMBERS_KEPT = 10_000;
/** E.164 is at most 16 characters; anything longer is parsed and not kept. */
const LONGEST_KEPT = 20;

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
  if (trimmed.length > LONGEST_KEPT) return parse(trimmed);
  if (parsedNumbers.has(trimmed)) return parsedNumbers.get(trimmed);
  const number = parse(trimmed);
  if (parsedNumbers.size >= NUMBERS_KEPT) parsedNumbers.clear();
  parsedNumbers.set(trimmed, number);
  return number;
}

function parse(trimmed: string): string | undefined {
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
