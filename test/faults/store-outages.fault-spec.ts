import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers, type SentMail } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectRecovered } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

const STORED_KEYWORD = 'VentanillaStored';
const POSTGRES_OUTAGE_MS = 20_000;

describe('faults: Redis and Postgres go away', () => {
  let stack: FaultStack;
  const report = new FaultReport('store-outages');

  const ticketCount = async (): Promise<number> => Number((await stack.env.query<{ count: string }>(`SELECT count(*) FROM tickets`))[0]!.count);
  /** Waits until tickets are being written: the events are in flight. */
  const underWay = async (): Promise<void> => {
    const before = await ticketCount();
    await eventually(async () => (await ticketCount()) > before, { intervalMs: 20, what: 'work under way' });
  };
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

  it('should lose and duplicate nothing when Redis restarts empty while events are in flight', () =>
    withCustomers(stack, async (load) => {
      const sending = load.wave('flight', { mails: 5, chats: 4, calls: 3 });
      await underWay();
      await stack.redis.restart();
      const restartedAt = Date.now();
      await sending;
      await load.wave('after', { mails: 2, chats: 2, calls: 2 });

      const recovered = await expectRecovered(stack, load, restartedAt);
      report.add('Redis restarted empty in flight', { ...recovered, refusals: load.refusals });
    }));

  it('should make every source retry while Redis is down (503, error ack, mail left in the mailbox), then take each event once', () =>
    withCustomers(stack, async (load) => {
      await stack.redis.kill();
      const sending = load.wave('redis-down', { mails: 3, chats: 3, calls: 2 });

      await eventually(() => load.refusals.chat > 0 && load.refusals.call > 0, { what: 'chat and phone to refuse' });
      expect([...load.refusalReasons.call]).toEqual(['/webhooks/twilio/… answered 503: No se pudo guardar la llamada de Twilio; intenta de nuevo.']);
      expect([...load.refusalReasons.chat]).toEqual(['ack error unavailable']);
      expect(load.chats.length + load.calls.length).toBe(0);
      // The worker reads the first mail and stores it, cannot queue it, and stops there (in order).
      await eventually(
        async () => (await stack.env.query(`SELECT 1 FROM inbound_items WHERE channel = 'email' AND status = 'pending'`)).length > 0,
        { what: 'a mail to be read and stored (not queued)' },
      );
      expect(await unacknowledged(load.mails)).toBe(true);
      expect((await stack.healthFailing('redis')).failing).toContain('redis');
      // A worker asked to stop now cannot finish its jobs' bookkeeping; it still stops, within one lock duration.
      const stopping = Date.now();
      await stack.worker!.stop();
      const workerStopMs = Date.now() - stopping;
      expect(workerStopMs).toBeLessThan(15_000);

      await stack.redis.launch();
      const backAt = Date.now();
      await stack.startWorker();
      await sending;
      const recovered = await expectRecovered(stack, load, backAt);
      expect(await unacknowledged(load.mails)).toBe(false);
      report.add('Redis down: sources answer retry', { ...recovered, workerStopMs, refusals: load.refusals });
    }));

  it('should take every event once when Postgres refuses connections for 20 s, and report it on /health while it lasts', () =>
    withCustomers(stack, async (load) => {
      const inFlight = load.wave('pg-before', { mails: 3, chats: 3, calls: 2 });
      await underWay();
      await stack.postgres.refuse();
      const downAt = Date.now();
      const duringOutage = load.wave('pg-down', { mails: 3, chats: 3, calls: 2 });

      expect((await stack.healthFailing('postgres')).failing).toContain('postgres');
      await eventually(() => load.refusals.chat > 0 && load.refusals.call > 0, { what: 'chat and phone to refuse' });
      await new Promise((resolve) => setTimeout(resolve, POSTGRES_OUTAGE_MS - (Date.now() - downAt)));
      expect(await unacknowledged(load.mails.filter((mail) => mail.subject.includes('pg-down')))).toBe(true);

      await stack.postgres.pass();
      const backAt = Date.now();
      await Promise.all([inFlight, duringOutage]);
      // A send whose outcome could not be committed (Postgres gone) is found at Twilio by the retry, not sent again.
      const recovered = await expectRecovered(stack, load, backAt);
      report.add('Postgres refused 20 s', { ...recovered, refusals: load.refusals });
    }));
});
