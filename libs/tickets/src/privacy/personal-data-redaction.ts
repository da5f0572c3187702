/** What takes the place of personal data that was erased. */
export const REDACTED = '[eliminado]';

/**
 * Keys of ticket-log data whose values are about the person whatever they say: addresses and
 * numbers, a provider's diagnostic or error (they quote the address), the link to a recording.
 */
export const PERSONAL_DATA_KEYS: ReadonlySet<string> = new Set([
  'recipient',
  'recipients',
  'reportedRecipients',
  'address',
  'email',
  'diagnostic',
  'error',
  'url',
  'callBack',
  'caller',
]);

// Shorter strings would match ordinary words; a name's shorter words ("de", "la", "Li") are left.
const MIN_IDENTIFIER_CHARS = 3;
const MIN_NAME_WORD_CHARS = 4;
const MEXICAN_NUMBER = /^\+52(?:1)?(\d{10})$/;

export interface PersonDetails {
  names: ReadonlyArray<string | null | undefined>;
  /** Email addresses, proven or claimed. */
  emails: ReadonlyArray<string | null | undefined>;
  /** E.164 numbers. */
  phones: ReadonlyArray<string | null | undefined>;
  /** RFCs and anything else that points at the person. */
  others: ReadonlyArray<string | null | undefined>;
}

/**
 * The strings that identify a person in free text, longest first (so a full name goes before its
 * words): every value, the longer words of each name, and a Mexican number as people write it
 * (ten digits, without +52).
 */
export function personIdentifiers(person: PersonDetails): string[] {
  const found = new Map<string, string>();
  const add = (value: string | null | undefined) => {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= MIN_IDENTIFIER_CHARS && !found.has(trimmed.toLowerCase())) found.set(trimmed.toLowerCase(), trimmed);
  };
  for (const name of person.names) {
    add(name);
    for (const word of name?.split(/\s+/) ?? []) if (word.length >= MIN_NAME_WORD_CHARS) add(word);
  }
  person.emails.forEach(add);
  person.others.forEach(add);
  for (const phone of person.phones) {
    add(phone);
    add(phone?.replace(/^\+/, ''));
    add(phone ? MEXICAN_NUMBER.exec(phone)?.[1] : undefined);
  }
  return [...found.values()].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * Replaces every identifier in a text with REDACTED, in any case, where it stands as a whole word
 * ("Ana" goes, "semana" stays). One alternation of literals: linear in the text.
 */
export function textRedactor(identifiers: readonly string[]): (text: string) => string {
  if (identifiers.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${identifiers.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, REDACTED);
}

/**
 * A copy of JSON data (a ticket-log entry's, a chat line's) with the person taken out: values under
 * `personalKeys` become REDACTED outright, every other text has the identifiers replaced. Numbers,
 * booleans, ids of our own records and structure stay, so the entry still says what happened.
 */
export function redactJson(value: unknown, redactText: (text: string) => string, personalKeys: ReadonlySet<string> = PERSONAL_DATA_KEYS): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redactText, personalKeys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, personalKeys.has(key) && item !== null && item !== undefined ? REDACTED : redactJson(item, redactText, personalKeys)]),
  );
}
