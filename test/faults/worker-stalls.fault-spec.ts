import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectRecovered } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

/**
 * Longer than the second worker's start (2-4 s here), a job's lock (3 s in the test environment)
 * and two of its stalled-job checks (one every 3 s), so the job is taken over before the frozen
 * worker wakes: with 10 s, a start slowed by a busy machine once let the frozen worker wake first
 * and do the work itself (correctly, once), and the test waited in vain for it to find the items taken.
 */
const STALL_MS = 15_000;

describe('faults: a worker freezes with jobs in hand', () => {
  let stack: FaultStack;
  const report = new FaultReport('worker-stalls');

  beforeAll(async () => {
    stack = await FaultStack.start('faults-stall');
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should make one ticket and send one confirmation per event when another worker takes over the stalled jobs and the frozen one wakes and finishes them too', () =>
    withCustomers(stack, async (load) => {
      await stack.worker!.stop();
      const frozen = await stack.startWorker({ FAULT_INJECT: `stall-before-intake:${STALL_MS}` });
      await load.wave('stalled', { chats: 2, calls: 1 });
      // It has read its first group's items and stopped: its job locks run out.
      await eventually(async () => frozen.log.includes('fault injection: stalling'), { what: 'the worker to freeze with its first group' });

      const takenOverAt = Date.now();
      await stack.addWorker();
      report.add('worker frozen 15 s holding its jobs: a second worker takes over', await expectRecovered(stack, load, takenOverAt));
      // The frozen worker did the same work after waking, and its transaction found the items recorded.
      await eventually(async () => frozen.log.includes('was recorded by another run of its job meanwhile'), {
        what: 'the woken worker to find its items taken',
        timeoutMs: STALL_MS + 20_000,
      });
      expect(frozen.running).toBe(true);
      await load.wave('after', { chats: 1, calls: 1 });
      // Still exactly once for everything, with the woken worker taking new work beside the other.
      report.add('after the frozen worker woke', await expectRecovered(stack, load, Date.now()));
    }));
});
