import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CustomerLoad } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectExactlyOnce, settle } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

const SMTP_OUTAGE_MS = 30_000;

describe('faults: the mail server, the SMTP relay and Twilio fail', () => {
  let stack: FaultStack;
  const report = new FaultReport('provider-outages');

  beforeAll(async () => {
    stack = await FaultStack.start('faults-providers');
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should read every mail once when Dovecot restarts while mail is arriving', async () => {
    const load = new CustomerLoad(stack);
    try {
      await load.wave('imap-before', { mails: 4 });
      const downAt = Date.now();
      await stack.dovecot.stop();
      // The customers' MTAs cannot deliver now and keep trying; chat and phone go on.
      const during = load.wave('imap-down', { mails: 3, chats: 2, calls: 2 });
      await eventually(() => load.refusals.mail > 0, { what: 'the mail server to refuse mail' });
      const health = await stack.healthFailing('mailbox');
      const detectedMs = Date.now() - downAt;
      expect(health.failing).toEqual(['mailbox']);

      await stack.dovecot.launch();
      const backAt = Date.now();
      await during;
      await settle(stack, load);
      const recoveryMs = Date.now() - backAt;
      const repeats = await expectExactlyOnce(stack, load);
      await stack.healthOk();
      report.add('Dovecot restarted', { events: 11, mailboxFailingAfterMs: detectedMs, recoveryMs, repeats, refusals: load.refusals });
    } finally {
      load.close();
      await stack.heal();
    }
  });

  it('should notice an IMAP connection that went silent (IDLE never returns) and read the mail that arrived meanwhile', async () => {
    const load = new CustomerLoad(stack);
    try {
      await stack.imap.blackhole();
      const droppedAt = Date.now();
      await load.wave('idle', { mails: 4 });
      const health = await stack.healthFailing('mailbox');
      const detectedMs = Date.now() - droppedAt;
      expect(health.failing).toEqual(['mailbox']);
      expect(await stack.env.query(`SELECT 1 FROM inbound_items WHERE summary->>'subject' LIKE '%idle%'`)).toHaveLength(0);

      await stack.imap.pass();
      const backAt = Date.now();
      await settle(stack, load);
      const recoveryMs = Date.now() - backAt;
      const repeats = await expectExactlyOnce(stack, load);
      await stack.healthOk();
      report.add('IMAP connection silently dropped', { events: 4, mailboxFailingAfterMs: detectedMs, recoveryMs, repeats });
    } finally {
      load.close();
      await stack.heal();
    }
  });

  it('should send every confirmation once when the SMTP relay is down for 30 s and Twilio answers 500 before 200', async () => {
    const load = new CustomerLoad(stack);
    try {
      await stack.sink.close();
      stack.twilioApi.failWith = 500;
      const downAt = Date.now();
      await load.wave('relay', { mails: 4, chats: 2, calls: 3 });

      await stack.healthFailing('delivery:email');
      const health = await stack.healthFailing('delivery:phone');
      expect(health.failing).toEqual(expect.arrayContaining(['delivery:email', 'delivery:phone']));
      expect(health.failing).not.toContain('delivery:chat');
      // Twilio refused each caller's SMS at least once; from now on it accepts them.
      await eventually(
        () => load.calls.every((call) => stack.twilioApi.requests.some((request) => request.form.To === call.from)),
        { what: 'an SMS attempt for every caller' },
      );
      stack.twilioApi.failWith = undefined;
      await new Promise((resolve) => setTimeout(resolve, SMTP_OUTAGE_MS - (Date.now() - downAt)));
      expect(stack.sink.mails.filter((mail) => load.mails.some((sent) => mail.envelopeTo.includes(sent.from)))).toHaveLength(0);

      await stack.sink.listen();
      const backAt = Date.now();
      await settle(stack, load);
      const recoveryMs = Date.now() - backAt;
      const repeats = await expectExactlyOnce(stack, load);
      // Every failed attempt is visible on its ticket.
      const [failed] = await stack.env.query<{ email: string; phone: string }>(
        `SELECT count(*) FILTER (WHERE e.data->>'error' ~ 'ECONNREFUSED|421') AS email, count(*) FILTER (WHERE e.data->>'error' ~ '500') AS phone
           FROM ticket_events e WHERE e.type = 'delivery_failed'`,
      );
      expect(Number(failed!.email)).toBeGreaterThanOrEqual(load.mails.length);
      expect(Number(failed!.phone)).toBeGreaterThanOrEqual(load.calls.length);
      await stack.healthOk();
      report.add('SMTP down 30 s, Twilio 500 then 200', {
        events: 9,
        recoveryMs,
        failedAttempts: { email: Number(failed!.email), sms: Number(failed!.phone) },
        repeats,
      });
    } finally {
      load.close();
      await stack.heal();
    }
  });
});
