import { ImapFlow } from 'imapflow';
import type { ImapSettings } from './email-config.js';
import { STORED_KEYWORD } from './mailbox-fetcher.js';

/**
 * After Postgres is restored from a backup, the mail that came since is still in the mailbox but
 * carries the keyword that says it was stored: this takes the keyword off the mail received on or
 * after `since` (IMAP compares days), so the worker reads it again. Mail stored before the backup
 * is found by its dedupe key and not stored twice. Returns how many mails were unmarked.
 */
export async function unmarkStoredMailSince(settings: ImapSettings, since: Date): Promise<number> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: settings.commandTimeoutMs,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const uids = (await client.search({ since, keyword: STORED_KEYWORD }, { uid: true })) || [];
      if (uids.length > 0) await client.messageFlagsRemove(uids, [STORED_KEYWORD], { uid: true });
      return uids.length;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
