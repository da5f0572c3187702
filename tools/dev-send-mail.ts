import { ImapFlow } from 'imapflow';
import { buildMail } from '../test/support/mail-builder.js';

/**
 * `npm run dev:send-mail -- <from> <subject> <text>`: puts a customer's mail into the sandbox
 * mailbox (IMAP APPEND), as a mail server delivering it would. Reads IMAP_PORT (and IMAP_HOST,
 * IMAP_USER, IMAP_PASSWORD) like Ventanilla.
 */
async function main(): Promise<void> {
  const [from, subject, text] = process.argv.slice(2);
  if (!from || !subject || !text) throw new Error('usage: npm run dev:send-mail -- <from> <subject> <text>');
  const client = new ImapFlow({
    host: process.env.IMAP_HOST ?? '127.0.0.1',
    port: Number(process.env.IMAP_PORT ?? 1143),
    secure: false,
    auth: { user: process.env.IMAP_USER ?? 'support', pass: process.env.IMAP_PASSWORD ?? 'secret' },
    logger: false,
  });
  await client.connect();
  const mail = buildMail({ from, subject, text });
  await client.append(process.env.IMAP_MAILBOX ?? 'INBOX', mail.raw);
  await client.logout();
  console.log(`delivered <${mail.messageId}> from ${from}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
