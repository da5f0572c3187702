import { createHash } from 'node:crypto';
import { normaliseMessageId } from './message-ids.js';

export interface MailIdentity {
  /** Same for every delivery of one mail (even with other Received/Delivered-To headers), different otherwise. */
  dedupeKey: string;
  messageId?: string;
}

const IDENTITY_HEADERS = ['message-id', 'from', 'date', 'subject'];

/**
 * Identifies a raw mail before it is parsed, so a mail delivered twice (to two of our addresses, or
 * fetched again after a crash) is stored once. It hashes the headers its author wrote and the body,
 * not the headers servers add on the way.
 */
export function mailIdentity(raw: Buffer): MailIdentity {
  const source = raw.toString('latin1');
  const separator = /\r?\n\r?\n/.exec(source);
  const headerBlock = separator ? source.slice(0, separator.index) : source;
  const body = separator ? source.slice(separator.index + separator[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of headerBlock.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (IDENTITY_HEADERS.includes(name) && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const hash = createHash('sha256');
  for (const name of IDENTITY_HEADERS) hash.update(`${name}:${headers.get(name) ?? ''}\n`);
  hash.update(createHash('sha256').update(body.replace(/\r\n/g, '\n').trimEnd()).digest('hex'));
  return { dedupeKey: hash.digest('hex'), messageId: normaliseMessageId(headers.get('message-id')) };
}
