import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mailIdentity } from '../../../libs/channels/src/email/mail-identity.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { DovecotServer } from '../../../test/support/dovecot.js';
import { eventually } from '../../../test/support/eventually.js';
import { mailCorpusFiles, mailCorpusPresent, noteMissingCorpus } from '../../../test/support/shared-corpus.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

noteMissingCorpus('email corpus through the pipeline');
const describeCorpus = mailCorpusPresent() ? describe : describe.skip;

interface ItemRow {
  dedupe_key: string;
  status: string;
  outcome: string;
  ticket_id: string | null;
}

describeCorpus('real-world mail corpus through the whole pipeline', () => {
  const files = mailCorpusFiles();
  let env: TestEnvironment;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let worker: AppProcess;
  let items: ItemRow[];

  beforeAll(async () => {
    env = await TestEnvironment.create('corpus');
    dovecot = await DovecotServer.start();
    sink = await SmtpSink.start();
    worker = await new AppProcess('worker', env.processEnv({ ...dovecot.imapEnv(), SMTP_URL: sink.url })).start();
    for (const [, path] of files) await dovecot.append(readFileSync(path));

    await eventually(
      async () => {
        const flags = [...(await dovecot.flags()).values()];
        return flags.length === files.length && flags.every((set) => set.has('VentanillaStored'));
      },
      { timeoutMs: 60_000, what: 'every corpus mail to be stored and acknowledged' },
    );
    items = await eventually(
      async () => {
        const rows = await env.query<ItemRow>(`SELECT dedupe_key, status, outcome, ticket_id FROM inbound_items`);
        return rows.every((row) => row.status !== 'pending') ? rows : undefined;
      },
      { timeoutMs: 60_000, what: 'every stored mail to be processed' },
    );
  });

  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
    await dovecot?.destroy();
    await env?.close();
  });

  it('should store every mail once and give each a final outcome (ticket, message or recorded skip)', () => {
    const keys = new Set(files.map(([, path]) => mailIdentity(readFileSync(path)).dedupeKey));
    expect(new Set(items.map((item) => item.dedupe_key))).toEqual(keys);
    const outcomes: Record<string, number> = {};
    for (const item of items) outcomes[`${item.status}: ${item.outcome}`] = (outcomes[`${item.status}: ${item.outcome}`] ?? 0) + 1;
    console.log(`corpus: ${files.length} files, ${keys.size} distinct mails →`, outcomes);
    for (const item of items) {
      expect(['done', 'skipped']).toContain(item.status);
      if (item.status === 'skipped') {
        expect(item.outcome).toMatch(/^(bounce_unmatched|auto_reply|own_mail|no_sender_address)$/);
      } else {
        expect(item.outcome).toMatch(/^(ticket_created|message_added)$/);
        expect(item.ticket_id).not.toBeNull();
      }
    }
  });

  it('should open no ticket and send no mail for the delivery-status reports', async () => {
    const bounceKeys = files
      .filter(([name]) => name.startsWith('multipart_report_emails/'))
      .map(([, path]) => mailIdentity(readFileSync(path)).dedupeKey);
    for (const key of bounceKeys) {
      expect(items.find((item) => item.dedupe_key === key)).toMatchObject({ status: 'skipped', outcome: 'bounce_unmatched' });
    }
    expect(await env.query(`SELECT 1 FROM contacts WHERE email ILIKE 'mailer-daemon%' OR email ILIKE 'postmaster%'`)).toHaveLength(0);
  });

  it('should send each ticket at most one confirmation and nothing to automated senders', async () => {
    // Confirmations still in the outbox are on their way: count once none is pending.
    const counts = await eventually(async () => {
      const [row] = await env.query<{ tickets: string; sent: string; suppressed: string; pending: string }>(
        `SELECT (SELECT count(*) FROM tickets) AS tickets,
                (SELECT count(*) FROM outbound_deliveries WHERE kind = 'confirmation' AND status = 'sent') AS sent,
                (SELECT count(*) FROM outbound_deliveries WHERE status = 'pending') AS pending,
                (SELECT count(*) FROM ticket_events WHERE type = 'confirmation_suppressed') AS suppressed`,
      );
      return row!.pending === '0' ? row : undefined;
    });
    expect(Number(counts!.sent) + Number(counts!.suppressed)).toBe(Number(counts!.tickets));
    await eventually(() => (sink.mails.length === Number(counts!.sent) ? true : undefined), { what: 'every confirmation at the sink' });
    const recipients = sink.mails.flatMap((mail) => mail.envelopeTo);
    expect(recipients.filter((to) => /^(mailer-daemon|postmaster)@/i.test(to))).toEqual([]);
  });

  it('should keep the worker running through every malformed mail', () => {
    expect(worker.log).not.toMatch(/exited|Unhandled|FATAL/i);
    expect(() => process.kill(worker.pid!, 0)).not.toThrow();
  });
});
