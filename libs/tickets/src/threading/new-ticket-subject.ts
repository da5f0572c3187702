/**
 * What leads a subject that is not the customer's own words: reply and forward prefixes (Spanish,
 * English and a few others clients write), our ticket tag, our confirmation's opening. Anchored and
 * taken one at a time, so a long run of them costs one pass.
 */
const LEADING_NOISE = /^(?:(?:re|rv|res|fw|fwd|aw|tr|wg)(?:\[\d{1,3}\])?\s*:|\[IF-\d{6,9}\]|recibimos tu solicitud\s*:)\s*/i;
const MAX_PREFIXES = 50;

/**
 * A new ticket's subject, from the mail that opened it: "RE: [IF-000072] Recibimos tu solicitud:
 * No timbra" (a mail quoting a ticket it could not join, such as another customer's) becomes
 * "No timbra", so the confirmation does not read "[IF-000073] Recibimos tu solicitud: RE: [IF-000072]
 * Recibimos tu solicitud: …". A subject that is nothing but prefixes stays as it was.
 */
export function subjectForNewTicket(subject: string): string {
  let rest = subject.trim();
  for (let stripped = 0; stripped < MAX_PREFIXES; stripped += 1) {
    const noise = LEADING_NOISE.exec(rest);
    if (!noise) break;
    rest = rest.slice(noise[0].length);
  }
  return rest.trim() || subject.trim();
}
