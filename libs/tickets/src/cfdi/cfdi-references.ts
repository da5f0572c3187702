import { isValidRfc } from './rfc.js';
import { SAT_CODE_CANDIDATE } from './sat-code-families.js';

/** What a customer's text says about their invoices: RFCs, folio fiscal UUIDs, SAT codes, serie and folio. */
export interface CfdiReferences {
  /** Well-formed RFCs whose check digit is right. */
  rfc: string[];
  /** RFC-shaped strings with a wrong check digit (a typo the agent may want to ask about). */
  rfcInvalid: string[];
  /** Folio fiscal (the TimbreFiscalDigital's UUID), upper-cased. */
  uuid: string[];
  /** SAT validation codes (CFDI40145, CRP20261, …). */
  satCodes: string[];
  /** Invoices named by serie and folio ("serie A folio 1021", "folio 1021"). */
  invoices: Array<{ serie?: string; folio: string }>;
}

/** Text read per message: references sit in the customer's words, not in megabytes of quotes. */
const MAX_CHARS = 50_000;
/** Of each kind, per message. */
const MAX_EACH = 20;

const RFC_CANDIDATE = /\b[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}\b/g;
const UUID = /\b[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\b/g;
// "serie A folio 1021", "Serie: B, Folio: 88"; bounded gaps keep it linear.
const SERIE_FOLIO = /\bSERIE\s{0,3}:?\s{0,3}([A-Z0-9]{1,25})\b[ ,;]{0,3}(?:Y\s{1,3})?(?:CON\s{1,3})?(?:EL\s{1,3})?FOLIO\s{0,3}:?\s{0,3}(?:N(?:O|Ú|U)M(?:ERO)?\.?\s{0,3})?([A-Z0-9-]{1,40})\b/g;
const FOLIO_ONLY = /\bFOLIO\s{0,3}:?\s{0,3}(?:N(?:O|Ú|U)M(?:ERO)?\.?\s{0,3})?(\d[\dA-Z-]{0,39})\b/g;

/** Reads the CFDI references of one text; linear in its length, bounded in what it returns. */
export function findCfdiReferences(text: string): CfdiReferences {
  const upper = text.slice(0, MAX_CHARS).toUpperCase();
  const rfcs = unique(matches(upper, RFC_CANDIDATE).map((match) => match[0]));
  const invoices: CfdiReferences['invoices'] = [];
  const named = new Set<string>();
  for (const match of matches(upper, SERIE_FOLIO)) {
    invoices.push({ serie: match[1]!, folio: match[2]! });
    named.add(match[2]!);
  }
  for (const match of matches(upper, FOLIO_ONLY)) {
    if (!named.has(match[1]!) && !isUuidPrefix(upper, match)) invoices.push({ folio: match[1]! });
  }
  return {
    rfc: rfcs.filter(isValidRfc).slice(0, MAX_EACH),
    rfcInvalid: rfcs.filter((rfc) => !isValidRfc(rfc)).slice(0, MAX_EACH),
    uuid: unique(matches(upper, UUID).map((match) => match[0])).slice(0, MAX_EACH),
    satCodes: unique(matches(upper, SAT_CODE_CANDIDATE).map((match) => match[0])).slice(0, MAX_EACH),
    invoices: uniqueBy(invoices, (invoice) => `${invoice.serie ?? ''}|${invoice.folio}`).slice(0, MAX_EACH),
  };
}

/** "folio fiscal 5D3A…": the digits that follow are the start of a UUID, not an invoice's folio. */
function isUuidPrefix(text: string, match: RegExpMatchArray): boolean {
  const start = (match.index ?? 0) + match[0].length - match[1]!.length;
  const after = text.slice(start, start + 36);
  return /^[0-9A-F]{8}-[0-9A-F]{4}-/.test(after);
}

function matches(text: string, pattern: RegExp): RegExpMatchArray[] {
  return [...text.matchAll(new RegExp(pattern.source, 'g'))];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => !seen.has(key(value)) && seen.add(key(value)));
}
