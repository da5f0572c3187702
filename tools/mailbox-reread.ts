// `npm run mailbox:reread -- --since 2026-12-01` after restoring Postgres from a backup (docs/operations.md):
// the mail received since that day is read again from the support mailbox; what Postgres already has is not stored twice.
import { readEmailSettings, unmarkStoredMailSince } from '@app/channels';
import { EnvReader, loadDotEnv } from '@app/platform';
import { readCoreConfig } from '@app/tickets';

async function main(): Promise<void> {
  loadDotEnv();
  const at = process.argv.indexOf('--since');
  const since = new Date(at > 0 ? (process.argv[at + 1] ?? '') : '');
  if (Number.isNaN(since.getTime())) throw new Error('--since needs the day of the backup, e.g. --since 2026-12-01');
  const env = new EnvReader(process.env);
  const { imap } = readEmailSettings(env, readCoreConfig(env).supportEmail);
  if (!imap) throw new Error('IMAP_HOST is not set: there is no mailbox to read again');
  const unmarked = await unmarkStoredMailSince(imap, since);
  console.log(`${unmarked} mails in ${imap.mailbox} since ${since.toISOString().slice(0, 10)} will be read again by the worker`);
}

main().catch((error: unknown) => {
  console.error(`mailbox:reread failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
