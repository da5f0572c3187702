import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CustomerStack } from '../../../test/support/customer-stack.js';
import { repoRoot } from '../../../test/support/repo-root.js';
import { eventually } from '../../../test/support/eventually.js';
import { buildMail, customerAddress } from '../../../test/support/mail-builder.js';

const run = promisify(execFile);

interface TicketJson {
  number: string;
  channel: string;
  subject: string;
  contact: { email: string | null };
  messages: Array<{ direction: string; text: string; attachments: Array<{ filename: string; url: string | null }> }>;
}

/**
 * docs/operations.md, "Backup and restore", done once for real: `pg_dump -Fc` of the live database,
 * `pg_restore` into a new one, analyzed, the sequence of ticket numbers moved past what the lost hours may
 * have issued, Redis emptied (it holds only queues and limits), the mail since the backup unmarked
 * in the mailbox (`npm run mailbox:reread`), and a gateway and a worker started on the restored
 * database.
 */
describe('backup and restore of Postgres (pg_dump, pg_restore, the system started on the copy)', () => {
  let stack: CustomerStack;
  let workdir: string;
  let restoredUrl: string;
  const admin = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });

  const ticket = async (number: string) => stack.api.get<TicketJson>(`/api/tickets/${number}`);
  const restoredQuery = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> => {
    const client = new pg.Client({ connectionString: restoredUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const ticketOfMail = async (messageId: string) =>
    (await restoredQuery<{ number: string }>(`SELECT t.number FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.external_id = $1`, [messageId]))[0]?.number;

  beforeAll(async () => {
    stack = await CustomerStack.start('backup');
    workdir = mkdtempSync(join(tmpdir(), 'ventanilla-backup-'));
    const restored = new URL(stack.env.databaseUrl);
    restored.pathname = `${restored.pathname}_restored`;
    restoredUrl = restored.toString();
  });

  afterAll(async () => {
    await stack?.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(restoredUrl).pathname.slice(1)}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(workdir, { recursive: true, force: true });
  });

  it('should serve the tickets of before the dump from the restored database, read again the mail that came after it, and take new mail and chats', async () => {
    // Before the backup: a mail with a file and the agent's answer, a chat.
    const file = Buffer.from('<?xml version="1.0"?><cfdi folio="A-100"/>');
    const mailed = await stack.mail({
      from: customerAddress('respaldo'),
      subject: 'No puedo cancelar la factura A-100',
      text: 'La cancelación marca error desde ayer.',
      attachments: [{ filename: 'A-100.xml', contentType: 'application/xml', content: file }],
    });
    expect((await stack.api.post(`/api/tickets/${mailed.ticketNumber}/replies`, { body: 'Ya lo estamos revisando.' })).status).toBe(201);
    const chatted = await stack.chat({ name: 'Inés Robles', email: customerAddress('chat'), message: 'El portal no carga mis facturas' });

    // The backup, taken while the gateway and the worker run (pg_dump reads one consistent snapshot).
    const dump = join(workdir, 'ventanilla.dump');
    await run('pg_dump', ['--format=custom', '--file', dump, stack.env.databaseUrl]);
    expect(statSync(dump).size).toBeGreaterThan(0);

    // After the backup: a mail that the restore will lose from Postgres but not from the mailbox.
    const afterDump = await stack.mail({ from: customerAddress('tarde'), subject: 'Llegó después del respaldo', text: 'Este correo llegó después del respaldo.' });

    // The disaster: the processes stop, the database is given up. Restore into a new one.
    await stack.stopApps();
    const restoredName = new URL(restoredUrl).pathname.slice(1);
    await admin.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${restoredName}"`);
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', restoredUrl, dump]);
    // Numbers issued since the backup are held by customers: the restored sequence skips past them.
    await run('psql', [restoredUrl, '-v', 'ON_ERROR_STOP=1', '-c', `SELECT setval('ticket_number_seq', (SELECT last_value FROM ticket_number_seq) + 1000)`]);
    // A dump holds no planner statistics.
    await run('psql', [restoredUrl, '-v', 'ON_ERROR_STOP=1', '-c', 'ANALYZE']);
    await stack.env.flushRedis();
    // Mail since the backup's day is read again from the mailbox (a day early: what Postgres has is not stored twice).
    const backupDay = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const reread = await run(process.execPath, [join(repoRoot(), 'dist/tools/mailbox-reread.js'), '--since', backupDay], {
      env: { PATH: process.env.PATH ?? '', ...stack.dovecot.imapEnv() },
    });
    // Both mails of this test: the one before the dump (already in Postgres) and the one after.
    expect(reread.stdout).toMatch(/^2 mails in INBOX since/);
    await stack.startApps(restoredUrl);

    // What was there before the dump is served, the file and the agent's answer included.
    const before = await ticket(mailed.ticketNumber);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ number: mailed.ticketNumber, channel: 'email', subject: 'No puedo cancelar la factura A-100' });
    expect(before.body.messages.map((message) => message.text)).toEqual(expect.arrayContaining(['La cancelación marca error desde ayer.', expect.stringContaining('Ya lo estamos revisando.')]));
    const attachment = before.body.messages.flatMap((message) => message.attachments)[0]!;
    const download = await fetch(`${stack.base}${attachment.url}`, { headers: { authorization: `Bearer ${stack.api.accessToken}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);
    expect((await ticket(chatted.ticketNumber)).body).toMatchObject({ channel: 'chat' });

    // The mail that came after the dump is read again from the mailbox, under a number no customer holds yet.
    const again = await eventually(() => ticketOfMail(afterDump.messageId), { what: 'the mail after the dump to be read again' });
    expect(again).not.toBe(afterDump.ticketNumber);
    expect(Number(again.slice(3))).toBeGreaterThan(Number(afterDump.ticketNumber.slice(3)));
    // The mail the backup already had, unmarked too, is not stored twice.
    expect(await restoredQuery(`SELECT 1 FROM messages WHERE external_id = $1`, [mailed.messageId])).toHaveLength(1);

    // And the restored system takes new work: a mail gets its ticket and confirmation, a chat its ticket.
    const customer = customerAddress('nuevo');
    const message = buildMail({ from: customer, subject: 'Alta de sucursal', text: 'Necesito dar de alta una sucursal nueva.' });
    await stack.dovecot.append(message.raw);
    const fresh = await eventually(() => ticketOfMail(message.messageId), { what: 'a new mail to become a ticket' });
    const confirmation = await stack.sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the new mail’s confirmation');
    expect(confirmation.parsed.subject).toContain(`[${fresh}]`);
    const chat = await stack.chat({ name: 'Raúl Méndez', email: customerAddress('chat-nuevo'), message: 'No me llegan los correos de timbrado' });
    expect((await ticket(chat.ticketNumber)).body).toMatchObject({ channel: 'chat', contact: { email: expect.stringContaining('chat-nuevo') } });
  });
});
