import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withCustomers } from '../support/customer-load.js';
import { eventually } from '../support/eventually.js';
import { expectRecovered } from '../support/exactly-once.js';
import { FaultReport } from '../support/fault-report.js';
import { FaultStack } from '../support/fault-stack.js';

/** Each Postgres round trip of the gateways and worker takes this long while the signal comes: requests are in flight. */
const SLOW_POSTGRES_MS = 150;
const EXIT_BOUND_MS = 15_000;

const refusesConnections = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('faults: a gateway is stopped under load', () => {
  let stack: FaultStack;
  const report = new FaultReport('gateway-shutdown');

  beforeAll(async () => {
    // Two gateways behind a "load balancer" (the customers' clients fail over to the other one).
    stack = await FaultStack.start('faults-gateway', { gateways: 2 });
  });

  afterAll(async () => {
    report.write();
    await stack?.stop();
  });

  it('should stop accepting, finish the requests in flight, exit with 0 and lose nothing when SIGTERMed under load', () =>
    withCustomers(stack, async (load) => {
      const [draining] = stack.gateways;
      const url = stack.gatewayUrls[0]!;
      const port = Number(new URL(url).port);
      stack.postgres.latencyMs = SLOW_POSTGRES_MS;
      const sending = load.wave('term', { chats: 8, calls: 6 });
      await eventually(() => load.requests.filter((request) => request.answered).length >= 6, { what: 'the load to be under way' });

      const termAt = Date.now();
      process.kill(draining!.pid!, 'SIGTERM');
      let refusedAt: number | undefined;
      const watching = (async () => {
        while (draining!.running) {
          if (refusedAt === undefined && (await refusesConnections(port))) refusedAt = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const code = await draining!.waitForExit();
      const exitAt = Date.now();
      await watching;
      stack.postgres.latencyMs = 0;

      expect(code).toBe(0);
      expect(exitAt - termAt).toBeLessThan(EXIT_BOUND_MS);
      // It stopped taking connections while it still finished its work.
      expect(refusedAt).toBeDefined();
      expect(refusedAt!).toBeLessThan(exitAt);
      // Every request it had taken when the signal came got an answer (ack or HTTP status).
      const toDraining = load.requests.filter((request) => request.gateway === url);
      const inFlight = toDraining.filter((request) => request.startedAt <= termAt && (request.endedAt ?? Infinity) >= termAt);
      expect(inFlight.length).toBeGreaterThan(0);
      expect(inFlight.filter((request) => !request.answered)).toEqual([]);

      await sending;
      await stack.startGateway(port);
      const recovered = await expectRecovered(stack, load, exitAt);
      report.add('gateway SIGTERM under load', {
        ...recovered,
        exitMs: exitAt - termAt,
        refusedAfterMs: refusedAt! - termAt,
        lastAnswerAfterMs: Math.max(...toDraining.filter((request) => request.answered).map((request) => request.endedAt!)) - termAt,
        inFlightAtSignal: inFlight.length,
        refusals: load.refusals,
      });
    }));
});
