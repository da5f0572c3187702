import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CustomerLoad, type SentMail } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectExactlyOnce, settle } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

const STORED_KEYWORD = 'VentanillaStored';
const POSTGRES_OUTAGE_MS = 20_000;

describe('faults: Redis and Postgres go away', () => {
  let stack: FaultStack;
  const report = new FaultReport('store-outages');

  const ticketCount = async (): Promise<number> => Number((await stack.env.query<{ count: string }>(`SELECT count(*) FROM tickets`))[0]!.count);
  /** The support mailbox still holds these mails unacknowledged (not marked as stored). */
  const unacknowledged = async (mails: SentMail[]): Promise<boolean> => {
    const inMailbox = await stack.dovecot.mailFlags();
    return mails.every((mail) => inMailbox.some((held) => held.subject === mail.subject && !held.flags.has(STORED_KEYWORD)));
  };

  beforeAll(async () => {
    stack = await FaultStack.start('faults-stores');
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should lose and duplicate nothing when Redis restarts empty while events are in flight', async () => {
    const load = new CustomerLoad(stack);
    try {
      const before = await ticketCount();
      const sending = load.wave('flight', { mails: 5, chats: 4, calls: 3 });
      await eventually(async () => (await ticketCount()) > before, { intervalMs: 20, what: 'work under way' });
      await stack.redis.restart();
      const restartedAt = Date.now();
      await sending;
      await load.wave('after', { mails: 2, chats: 2, calls: 2 });

      await settle(stack, load);
      const recoveryMs = Date.now() - restartedAt;
      const repeats = await expectExactlyOnce(stack, load);
      await stack.healthOk();
      report.add('Redis restarted empty in flight', { events: 18, recoveryMs, repeats, refusals: load.refusals });
    } finally {
      load.close();
      await stack.heal();
    }
  });

  it('should make every source retry while Redis is down (503, error ack, mail left in the mailbox), then take each event once', async () => {
    const load = new CustomerLoad(stack);
    try {
      await stack.redis.kill();
      const sending = load.wave('redis-down', { mails: 3, chats: 3, calls: 2 });

      await eventually(() => load.refusals.chat > 0 && load.refusals.call > 0, { what: 'chat and phone to refuse' });
      expect([...load.refusalReasons.call]).toEqual(['/webhooks/twilio/… answered 503: The callback could not be stored; try again']);
      expect([...load.refusalReasons.chat]).toEqual(['ack error unavailable']);
      expect(load.calls.length + load.chats.length).toBe(0);
      // The worker reads the first mail and stores it, cannot queue it, and stops there (in order).
      await eventually(
        async () => (await stack.env.query(`SELECT 1 FROM inbound_items WHERE channel = 'email' AND status = 'pending'`)).length > 0,
        { what: 'a mail to be read and stored (not queued)' },
      );
      expect(await unacknowledged(load.mails)).toBe(true);
      const health = await stack.healthFailing('redis');
      expect(health.failing).toContain('redis');

      await stack.redis.launch();
      const backAt = Date.now();
      await sending;
      await settle(stack, load);
      const recoveryMs = Date.now() - backAt;
      const repeats = await expectExactlyOnce(stack, load);
      expect(await unacknowledged(load.mails)).toBe(false);
      await stack.healthOk();
      report.add('Redis down: sources answer retry', { events: 8, recoveryMs, repeats, refusals: load.refusals });
    } finally {
      load.close();
      await stack.heal();
    }
  });

  it('should take every event once when Postgres refuses connections for 20 s, and report it on /health while it lasts', async () => {
    const load = new CustomerLoad(stack);
    try {
      const before = await ticketCount();
      const inFlight = load.wave('pg-before', { mails: 3, chats: 3, calls: 2 });
      await eventually(async () => (await ticketCount()) > before, { intervalMs: 20, what: 'work under way' });
      await stack.postgres.refuse();
      const downAt = Date.now();
      const duringOutage = load.wave('pg-down', { mails: 3, chats: 3, calls: 2 });

      const health = await stack.healthFailing('postgres');
      expect(health.failing).toContain('postgres');
      await eventually(() => load.refusals.chat > 0 && load.refusals.call > 0, { what: 'chat and phone to refuse' });
      await new Promise((resolve) => setTimeout(resolve, POSTGRES_OUTAGE_MS - (Date.now() - downAt)));
      const refusedMails = load.mails.filter((mail) => mail.subject.includes('pg-down'));
      expect(await unacknowledged(refusedMails)).toBe(true);

      await stack.postgres.pass();
      const backAt = Date.now();
      await Promise.all([inFlight, duringOutage]);
      await settle(stack, load);
      const recoveryMs = Date.now() - backAt;
      // A send whose outcome could not be committed (Postgres gone) may go out again: at least once.
      const repeats = await expectExactlyOnce(stack, load, { smsAtLeastOnce: true });
      await stack.healthOk();
      report.add('Postgres refused 20 s', { events: 16, recoveryMs, repeats, refusals: load.refusals });
    } finally {
      load.close();
      await stack.heal();
    }
  });
});
