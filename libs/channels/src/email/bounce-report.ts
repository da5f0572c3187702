import type { BounceReport } from '../contract/inbound-message.js';
import { normaliseMessageId } from './message-ids.js';

/**
 * Reads a delivery-status notification (RFC 3464 or a mailer-daemon's free text): which of our
 * messages bounced, for whom, and whether for good. It reads the raw source because bounces quote
 * the original headers in parts (message/rfc822, text/rfc822-headers) that parsers treat differently.
 */
export function readBounceReport(raw: string, ownMessageId: string | undefined): BounceReport {
  // Leading blanks of one line only: `^\s*` crossed line breaks and rescanned blank lines from every line start (quadratic).
  const originalMessageIds = [...raw.matchAll(/^[^\S\r\n\u2028\u2029]*message-id\s*:\s*<?([^\s<>]+)>?/gim)]
    .map((match) => normaliseMessageId(match[1]))
    .filter((id): id is string => Boolean(id) && id !== ownMessageId);

  const failedRecipients = new Set<string>();
  // One blank run per position (`:\s*(?:…)?\s*` split a run of blanks in every possible way).
  for (const match of raw.matchAll(/^(?:final|original)-recipient\s*:\s*(?:rfc822\s*;\s*)?<?([^\s<>;]+@[^\s<>;]+)>?/gim)) {
    failedRecipients.add(match[1]!.toLowerCase());
  }
  for (const match of raw.matchAll(/^x-failed-recipients\s*:\s*(.+)$/gim)) {
    for (const address of match[1]!.split(',')) if (address.includes('@')) failedRecipients.add(address.trim().toLowerCase());
  }

  const statuses = [...raw.matchAll(/^status\s*:\s*([245])\.\d{1,3}\.\d{1,3}/gim)].map((match) => match[1]);
  const actions = [...raw.matchAll(/^action\s*:\s*(\w+)/gim)].map((match) => match[1]!.toLowerCase());
  const permanent = statuses.includes('5') || actions.includes('failed') || (statuses.length === 0 && actions.length === 0);
  const diagnostic = /^diagnostic-code\s*:\s*(.+(?:\r?\n[ \t]+.+)*)/im.exec(raw)?.[1]?.replace(/\s+/g, ' ').trim();

  return {
    originalMessageIds: [...new Set(originalMessageIds)],
    failedRecipients: [...failedRecipients],
    permanent,
    diagnostic,
  };
}
