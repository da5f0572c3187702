import { withoutReplyPrefixes } from '@app/platform';

/** What we put before a subject: our ticket tag, our confirmation's opening. */
const OUR_PREFIX = /^(\[IF-\d{6,9}\]|recibimos tu solicitud\s*:)\s*/i;
/** A run of ours and the clients' reply prefixes is read at most this far. */
const MAX_PREFIXES = 50;

/**
 * A new ticket's subject, from the mail that opened it: "RE: [IF-000072] Recibimos tu solicitud:
 * No timbra" (a mail quoting a ticket it could not join, such as another customer's) becomes
 * "No timbra", so the confirmation does not read "[IF-000073] Recibimos tu solicitud: RE: [IF-000072]
 * Recibimos tu solicitud: …". A subject that is nothing but prefixes stays as it was.
 */
export function subjectForNewTicket(subject: string): string {
  let rest = withoutReplyPrefixes(subject.trim());
  for (let stripped = 0; stripped < MAX_PREFIXES; stripped += 1) {
    const ours = OUR_PREFIX.exec(rest);
    if (!ours) break;
    rest = withoutReplyPrefixes(rest.slice(ours[0].length));
  }
  return rest.trim() || subject.trim();
}
