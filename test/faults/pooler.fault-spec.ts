import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers } from '../support/customer-load.js';
import { expectRecovered } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

/**
 * Postgres behind a pooler in transaction mode (docs/scaling.md, "Behind a pooler"), shown rather
 * than claimed: two gateways and two workers reach Postgres only through PgBouncer, which hands
 * each transaction whatever server connection is free, so an intake group's pipelined transaction
 * (its BEGIN sent with its first statements, its COMMIT with its last) and every lock must hold
 * within one transaction. Named prepared statements off, as Debian's PgBouncer 1.18 needs.
 */
describe('behind a pooler: PgBouncer in transaction mode', () => {
  let stack: FaultStack;
  const report = new FaultReport('pooler');

  beforeAll(async () => {
    stack = await FaultStack.start('pooler', { gateways: 2, workers: 2, pooler: true });
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should give every mail, chat and call one ticket and one confirmation with every statement going through the pooler', () =>
    withCustomers(
      stack,
      async (load) => {
        const database = new URL(stack.env.databaseUrl).pathname.slice(1);
        const before = await stack.pooler!.stats(database);
        const startedAt = Date.now();
        await load.wave('pooled', { mails: 12, chats: 16, calls: 8 });
        const settled = await expectRecovered(stack, load, startedAt);
        report.add('2 gateways, 2 workers, PgBouncer in transaction mode', settled);
        expect(settled.repeats).toEqual({ mail: 0, sms: 0, chatLive: expect.any(Number) });

        // The traffic really went through it: transactions by the hundred for 36 customers.
        const after = await stack.pooler!.stats(database);
        expect(after.transactions - before.transactions).toBeGreaterThan(100);
        for (const worker of [stack.worker!, ...stack.moreWorkers]) expect(worker.log).toMatch(/→ ticket_created/);
      },
      { spread: true },
    ));
});
