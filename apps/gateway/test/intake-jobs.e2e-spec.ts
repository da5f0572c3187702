import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { AppProcess } from '../../../test/support/app-process.js';
import { mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { SimulatedCall, TwilioWebhookClient } from '../../../test/support/simulated-call.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import type { TwimlNode } from '../../../test/support/twiml.js';
import { TwilioApiFake } from '../../../test/support/twilio-api-fake.js';
import { TEST_TWILIO, twilioSettings } from '../../../test/support/twilio-test-account.js';

const CALLS = 12;

interface StoredItem {
  id: string;
  queue_job_id: string;
  status: string;
  last_error: string | null;
}

/**
 * What a gateway stores together goes to the workers as one intake job, kept with its items, so the
 * recovery sweep can tell an item whose job waits from one whose job was lost. Driven by signed
 * Twilio webhooks through a real gateway, with the worker's roles started one by one.
 */
describe('intake jobs (calls stored together → one job → the sweep → the worker)', () => {
  let env: TestEnvironment;
  let fake: TwilioApiFake;
  let gateway: AppProcess;
  let worker: AppProcess | undefined;
  let queue: Queue<{ inboundIds: string[] }>;
  let phoneEnv: Record<string, string>;
  const calls: SimulatedCall[] = [];
  /** The caller whose ticket Postgres refuses for a while (severity 3; the others choose 2). */
  let refused: SimulatedCall;

  /** The menu choices of the calls, as stored (their dial callbacks are stored and queued apart). */
  const storedChoices = (): Promise<StoredItem[]> =>
    env.query<StoredItem>(
      `SELECT id, queue_job_id, status, last_error FROM inbound_items WHERE dedupe_key LIKE ANY($1) AND dedupe_key LIKE '%menu%' ORDER BY id`,
      [calls.map((call) => `call-${call.callSid}-%`)],
    );
  const waitingJobIds = async (): Promise<string[]> => (await queue.getJobs(['waiting', 'prioritized'])).map((job) => job.id!).sort();

  beforeAll(async () => {
    env = await TestEnvironment.create('intake-jobs');
    fake = await TwilioApiFake.start();
    const port = await freePort();
    phoneEnv = twilioSettings(fake.url);
    // No worker yet: the jobs wait in Redis where the test can read them.
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), ...phoneEnv })).start();
    const twilio = new TwilioWebhookClient(`http://127.0.0.1:${port}`, TEST_TWILIO.publicBaseUrl, TEST_TWILIO.accountSid, TEST_TWILIO.authToken);
    for (let index = 0; index < CALLS; index += 1) calls.push(new SimulatedCall(twilio, mobileNumber(), TEST_TWILIO.supportLine));
    refused = calls[CALLS - 1]!;
    queue = new Queue('intake', { connection: { url: env.redisUrl }, prefix: env.queuePrefix });
  });

  afterAll(async () => {
    await env?.query(`DROP TRIGGER IF EXISTS test_refuse_ticket ON tickets`).catch(() => undefined);
    await env?.query(`DROP FUNCTION IF EXISTS test_refuse_ticket()`).catch(() => undefined);
    await queue?.close();
    await worker?.stop();
    await gateway?.stop();
    await fake?.close();
    await env?.close();
  });

  it('should queue the menu choices that arrive together as one job, and keep its id with each of them', async () => {
    const menus = await Promise.all(calls.map((call) => call.dial()));
    // Postgres is held for a moment (a table lock): the gateway's first store waits, and the choices
    // that arrive meanwhile gather for the next one, as they do under load.
    const holder = await env.db.connect();
    let choices: Array<Promise<TwimlNode>> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE inbound_items IN SHARE ROW EXCLUSIVE MODE');
      choices = calls.map((call, index) => call.press(menus[index]!, call === refused ? '3' : '2'));
      await eventually(
        async () => (await env.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).length > 0,
        { what: "the gateway's store to wait for the lock" },
      );
      await sleep(500);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    await Promise.all(choices ?? []);

    const stored = await storedChoices();
    expect(stored).toHaveLength(CALLS);
    const jobIds = [...new Set(stored.map((item) => item.queue_job_id))];
    // The first store took what had arrived before the lock (one choice or a few), the second all the others.
    expect(jobIds.length).toBeLessThanOrEqual(2);
    for (const jobId of jobIds) {
      const job = await queue.getJob(jobId);
      expect(job?.data.inboundIds.sort()).toEqual(stored.filter((item) => item.queue_job_id === jobId).map((item) => item.id));
    }
  });

  it('should queue again, under its own id, only a job that was lost, however often the sweep finds its items waiting', async () => {
    const stored = await storedChoices();
    const waiting = await waitingJobIds();
    const lost = stored[0]!.queue_job_id;
    const lostItems = stored.filter((item) => item.queue_job_id === lost).map((item) => item.id);
    await (await queue.getJob(lost))!.remove();

    // Only the recovery role: it sweeps every 500 ms for items pending longer than a second.
    const sweeper = await new AppProcess('worker', env.processEnv(phoneEnv)).start({ WORKER_ROLES: 'recovery' });
    try {
      const remade = await eventually(async () => (await queue.getJob(lost)) ?? undefined, { what: 'the sweep to queue the lost job again' });
      expect(remade.data.inboundIds.sort()).toEqual(lostItems);
      // Several sweeps later, every job that waited still waits, and none holds an item twice.
      await sleep(2_000);
      expect(await waitingJobIds()).toEqual(waiting);
    } finally {
      await sweeper.stop();
    }
  });

  it('should give each caller one ticket and one SMS, and retry only the item Postgres refused while the others are confirmed', async () => {
    await env.query(`CREATE OR REPLACE FUNCTION test_refuse_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.channel = 'phone' AND NEW.severity = 3 THEN RAISE EXCEPTION 'ticket refused by the test'; END IF; RETURN NEW; END $$`);
    await env.query(`CREATE TRIGGER test_refuse_ticket BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION test_refuse_ticket()`);
    worker = await new AppProcess('worker', env.processEnv(phoneEnv)).start();

    for (const call of calls.filter((call) => call !== refused)) {
      await fake.waitForMessage((message) => message.form.To === call.from, `the confirmation SMS to ${call.from}`);
    }
    const failing = await eventually(async () => (await storedChoices()).find((item) => item.last_error !== null), {
      what: 'the refused choice to record its error',
    });
    expect(failing.status).toBe('pending');
    expect(failing.last_error).toContain('ticket refused by the test');
    expect(fake.sentMessages().filter((message) => message.form.To === refused.from)).toHaveLength(0);

    // Postgres takes it again: the job's next attempt gives it its ticket; the others are found done.
    await env.query(`DROP TRIGGER test_refuse_ticket ON tickets`);
    await fake.waitForMessage((message) => message.form.To === refused.from, 'the confirmation SMS of the retried choice');
    await eventually(async () => (await storedChoices()).every((item) => item.status === 'done'), { what: 'every choice done' });
    await sleep(1_000);
    for (const call of calls) {
      const sms = fake.sentMessages().filter((message) => message.form.To === call.from);
      expect(sms).toHaveLength(1);
      expect(sms[0]!.form.Body).toMatch(/Registramos tu solicitud con el ticket IF-\d{6,}/);
    }
    const [tickets] = await env.query<{ count: number }>(`SELECT count(DISTINCT ticket_id)::int AS count FROM phone_calls WHERE call_sid = ANY($1)`, [
      calls.map((call) => call.callSid),
    ]);
    expect(tickets!.count).toBe(CALLS);
  });
});
