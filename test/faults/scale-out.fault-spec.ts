import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers } from '../support/customer-load.js';
import { expectRecovered } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

/**
 * Scale-out shown, not claimed (docs/scaling.md): two gateways and two workers on
 * one Postgres and one Redis, a balancer without stickiness in front (new chats and every webhook
 * go to each gateway in turn), both workers reading the mailbox and taking jobs.
 */
describe('scale-out: two gateways and two workers', () => {
  let stack: FaultStack;
  const report = new FaultReport('scale-out');

  beforeAll(async () => {
    stack = await FaultStack.start('scale-out', { gateways: 2, workers: 2 });
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should give every mail, chat and call one ticket and one confirmation when they go through different gateways and workers', () =>
    withCustomers(
      stack,
      async (load) => {
        const startedAt = Date.now();
        await load.wave('scale', { mails: 12, chats: 16, calls: 8 });
        const settled = await expectRecovered(stack, load, startedAt);
        report.add('2 gateways, 2 workers', settled);

        // Each gateway took chats and webhooks, and each worker wrote tickets.
        for (const url of stack.gatewayUrls) {
          for (const source of ['chat', 'call'] as const) {
            expect({ url, source, answered: load.requests.some((request) => request.gateway === url && request.source === source && request.answered) }).toEqual({
              url,
              source,
              answered: true,
            });
          }
        }
        for (const worker of [stack.worker!, ...stack.moreWorkers]) expect(worker.log).toMatch(/→ ticket_created/);
        expect(settled.repeats).toEqual({ mail: 0, sms: 0, chatLive: expect.any(Number) });
      },
      { spread: true },
    ));
});
