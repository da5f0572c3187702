import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectRecovered } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

describe('faults: the worker dies', () => {
  let stack: FaultStack;
  const report = new FaultReport('worker-crashes');

  const count = async (sql: string): Promise<number> => Number((await stack.env.query<{ count: string }>(sql))[0]!.count);

  beforeAll(async () => {
    stack = await FaultStack.start('faults-worker');
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should turn every event into one ticket and one confirmation when the worker is SIGKILLed mid-batch and restarted', () =>
    withCustomers(stack, async (load) => {
      // A backlog builds up while no worker runs; the worker takes it and is killed as soon as
      // the first tickets are written.
      await stack.worker!.stop();
      await load.wave('backlog', { mails: 5, chats: 4, calls: 3 });
      const worker = await stack.startWorker();
      await eventually(async () => (await count(`SELECT count(*) FROM tickets`)) > 0, { intervalMs: 10, what: 'the first ticket' });
      await worker.kill('SIGKILL');
      const atKill = {
        tickets: await count(`SELECT count(*) FROM tickets`),
        pendingItems: await count(`SELECT count(*) FROM inbound_items WHERE status = 'pending'`),
        unsentConfirmations: await count(`SELECT count(*) FROM outbound_deliveries WHERE status = 'pending'`),
      };

      // Customers go on writing, chatting and calling while it is dead; /health names the queue nobody consumes.
      await load.wave('dead', { mails: 2, chats: 2, calls: 2 });
      expect((await stack.healthFailing('queue:intake')).status).toBe(503);

      const restartedAt = Date.now();
      await stack.startWorker();
      const recovered = await expectRecovered(stack, load, restartedAt);
      report.add('worker SIGKILL mid-batch', { ...recovered, atKill });
    }));

  it('should still send each confirmation once when the worker dies between writing a ticket and queueing its confirmation', () =>
    withCustomers(stack, async (load) => {
      await stack.worker!.stop();
      const crashing = await stack.startWorker({ FAULT_INJECT: 'after-intake-commit' });
      const first = await load.startChat('gap-first');
      expect(await crashing.waitForExit()).toBeNull();

      // The dual-write gap: the ticket is committed with its confirmation owed in the outbox, never queued.
      const [owed] = await stack.env.query<{ status: string }>(
        `SELECT d.status FROM outbound_deliveries d JOIN tickets t ON t.id = d.ticket_id WHERE t.conversation_ref = $1`,
        [first.conversationId],
      );
      expect(owed?.status).toBe('pending');
      expect(await stack.unfinishedJobs('outbound')).toBe(0);
      // Nobody will send it until a worker's sweep finds it: /health names the channel that owes it.
      await stack.healthFailing('delivery:chat');
      // The rest arrives while the worker is down.
      await load.wave('gap', { mails: 3, chats: 2, calls: 2 });

      const restartedAt = Date.now();
      await stack.startWorker();
      report.add('crash between ticket commit and confirmation enqueue', await expectRecovered(stack, load, restartedAt));
    }));

  it('should not send an SMS twice when the worker dies after Twilio accepted it and before recording it', () =>
    withCustomers(stack, async (load) => {
      await stack.worker!.stop();
      const crashing = await stack.startWorker({ FAULT_INJECT: 'after-provider-accept' });
      await load.wave('accepted', { mails: 0, chats: 0, calls: 1 });
      expect(await crashing.waitForExit()).toBeNull();

      // Twilio has the SMS; our outbox still owes it, its first attempt begun.
      const [caller] = load.calls;
      expect(stack.twilioApi.sentMessages().filter((sms) => sms.form.To === caller!.from)).toHaveLength(1);
      const [owed] = await stack.env.query<{ status: string; started: boolean }>(
        `SELECT status, send_started_at IS NOT NULL AS started FROM outbound_deliveries WHERE channel = 'phone' AND recipient = $1`,
        [caller!.from],
      );
      expect(owed).toEqual({ status: 'pending', started: true });
      await load.wave('after-accept', { mails: 2, chats: 1, calls: 2 });

      const restartedAt = Date.now();
      await stack.startWorker();
      report.add('crash between Twilio accepting an SMS and recording it', await expectRecovered(stack, load, restartedAt));
    }));
});
