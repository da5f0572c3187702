import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectRecovered } from '../support/exactly-once.js';
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

  it('should read every mail once when Dovecot restarts while mail is arriving', () =>
    withCustomers(stack, async (load) => {
      await load.wave('imap-before', { mails: 4 });
      const stoppedAt = Date.now();
      await stack.dovecot.stop();
      // The customers' MTAs cannot deliver now and keep trying; chat and phone go on.
      const during = load.wave('imap-down', { mails: 3, chats: 2, calls: 2 });
      await eventually(() => load.refusals.mail > 0, { what: 'the mail server to refuse mail' });
      expect((await stack.healthFailing('mailbox')).failing).toEqual(['mailbox']);
      const mailboxFailingAfterMs = Date.now() - stoppedAt;

      await stack.dovecot.launch();
      const backAt = Date.now();
      await during;
      const recovered = await expectRecovered(stack, load, backAt);
      report.add('Dovecot restarted', { ...recovered, mailboxFailingAfterMs, refusals: load.refusals });
    }));

  it('should notice an IMAP connection that went silent (IDLE never returns) and read the mail that arrived meanwhile', () =>
    withCustomers(stack, async (load) => {
      await stack.imap.blackhole();
      const droppedAt = Date.now();
      await load.wave('idle', { mails: 4 });
      expect((await stack.healthFailing('mailbox')).failing).toEqual(['mailbox']);
      const mailboxFailingAfterMs = Date.now() - droppedAt;
      expect(await stack.env.query(`SELECT 1 FROM inbound_items WHERE summary->>'subject' LIKE '%idle%'`)).toHaveLength(0);

      await stack.imap.pass();
      const recovered = await expectRecovered(stack, load, Date.now());
      report.add('IMAP connection silently dropped', { ...recovered, mailboxFailingAfterMs });
    }));

  it('should send every confirmation once when the SMTP relay is down for 30 s and Twilio answers 500 before 200', () =>
    withCustomers(stack, async (load) => {
      await stack.sink.close();
      stack.twilioApi.failWith = 500;
      const downAt = Date.now();
      await load.wave('relay', { mails: 4, chats: 2, calls: 3 });

      await stack.healthFailing('delivery:email');
      const health = await stack.healthFailing('delivery:phone');
      expect(health.failing).toEqual(expect.arrayContaining(['delivery:email', 'delivery:phone']));
      expect(health.failing).not.toContain('delivery:chat');
      // Twilio refused each caller's SMS at least once; from now on it accepts them.
      await eventually(() => load.calls.every((call) => stack.twilioApi.requests.some((request) => request.form.To === call.from)), {
        what: 'an SMS attempt for every caller',
      });
      stack.twilioApi.failWith = undefined;
      await new Promise((resolve) => setTimeout(resolve, SMTP_OUTAGE_MS - (Date.now() - downAt)));
      expect(stack.sink.mails.filter((mail) => load.mails.some((sent) => mail.envelopeTo.includes(sent.from)))).toHaveLength(0);

      await stack.sink.listen();
      const recovered = await expectRecovered(stack, load, Date.now());
      // Every failed attempt is visible on its ticket.
      const [failed] = await stack.env.query<{ email: string; phone: string }>(
        `SELECT count(*) FILTER (WHERE data->>'error' ~ 'ECONNREFUSED|421') AS email, count(*) FILTER (WHERE data->>'error' ~ '500') AS phone
           FROM ticket_events WHERE type = 'delivery_failed'`,
      );
      const failedAttempts = { email: Number(failed!.email), sms: Number(failed!.phone) };
      expect(failedAttempts.email).toBeGreaterThanOrEqual(load.mails.length);
      expect(failedAttempts.sms).toBeGreaterThanOrEqual(load.calls.length);
      report.add('SMTP down 30 s, Twilio 500 then 200', { ...recovered, failedAttempts });
    }));
});
