const TICKET_REFERENCE = /\bIF[-\s#]?0*(\d{1,9})\b/gi;

/** Normalises "IF-123", "if 000123" or "IF#123" to the canonical IF-000123. */
export function canonicalTicketNumber(digits: string): string {
  return `IF-${digits.padStart(6, '0')}`;
}

/** Drops quoted history ("> ..." lines and everything after "On ... wrote:") so old numbers do not thread. */
export function withoutQuotedText(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(On .+ wrote:|El .+ escribi[oó]:|-{2,}\s*(Original Message|Mensaje original)\s*-{2,})\s*$/i.test(line)) break;
    if (!/^\s*>/.test(line)) kept.push(line);
  }
  return kept.join('\n');
}

/** Ticket numbers a customer quotes in a subject or in the new (unquoted) part of a body. */
export function findTicketNumbers(subject: string, body: string): string[] {
  const found = new Set<string>();
  for (const source of [subject, withoutQuotedText(body)]) {
    for (const match of source.matchAll(TICKET_REFERENCE)) found.add(canonicalTicketNumber(match[1]!));
  }
  return [...found];
}
