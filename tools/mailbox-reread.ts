// `npm run mailbox:reread -- --since 2026-12-01` after restoring Postgres from a backup (docs/operations.md):
// the mail received since that day is read again from the support mailbox; what Postgres already has is not stored twice.
import { readEmailSettings, unmarkStoredMailSince } from '@app/channels';
import { EnvReader, loadDotEnv } from '@app/platform';
import { readCoreConfig } from '@app/tickets';

async function main(): Promise<void> {
  loadDotEnv();
  const at = process.argv.indexOf('--since');
  // Only YYYY-MM-DD: new Date() reads 07/12/2026 as July 12 (a Mexican operator means December 7) and 1 as 2001.
  const day = at > 0 ? (process.argv[at + 1] ?? '') : '';
  const since = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(since.getTime()) || since.toISOString().slice(0, 10) !== day) throw new Error(`--since needs the day of the backup as YYYY-MM-DD, e.g. --since 2026-12-01 (got "${day}")`);
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
