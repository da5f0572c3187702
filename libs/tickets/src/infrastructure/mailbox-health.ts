import type { ComponentStatus } from '@app/platform';

/** What a worker reports about its mailbox reader (`MailboxFetcher.status`, plus `enabled`). */
interface ReportedMailbox {
  enabled?: boolean;
  connected?: boolean;
  /** When `connected` last changed. */
  since?: string;
}

export interface MailboxHealth {
  ok: boolean;
  readers: number;
  connected: number;
  /** How long no reader has been connected. */
  downForMs?: number;
  error?: string;
}

/**
 * The support mailbox as the workers reading it report it: failing once every reader has been
 * disconnected for longer than `maxDownMs` (mail then waits unread, whatever the pings say), so a
 * reconnect after a dropped connection does not count. Undefined when no worker reads mail.
 */
export function mailboxHealth(workers: ComponentStatus[], maxDownMs: number, now: number): MailboxHealth | undefined {
  const readers = workers
    .map((worker) => worker.details.mailbox as ReportedMailbox | undefined)
    .filter((mailbox): mailbox is ReportedMailbox => mailbox?.enabled === true);
  if (readers.length === 0) return undefined;
  const connected = readers.filter((mailbox) => mailbox.connected === true).length;
  if (connected > 0) return { ok: true, readers: readers.length, connected };
  // The reader that lost its connection last decides; a report without `since` counts as down for long.
  const downForMs = now - Math.max(...readers.map((mailbox) => Date.parse(mailbox.since ?? '') || 0));
  const ok = downForMs <= maxDownMs;
  return { ok, readers: readers.length, connected, downForMs, ...(ok ? {} : { error: `no mailbox reader connected for ${downForMs} ms` }) };
}
