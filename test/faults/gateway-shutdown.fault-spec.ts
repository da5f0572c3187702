import { connect, type Socket } from 'node:net';
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

/** Sends a GET for `path` on an open connection and resolves with the raw answer (head and body) or the error. */
const getOn = (socket: Socket, path: string): Promise<string> =>
  new Promise((resolve) => {
    if (socket.destroyed) return resolve('the gateway had closed the connection');
    let answer = '';
    const onData = (chunk: Buffer): void => {
      answer += chunk.toString('latin1');
      if (/\r\n\r\n/.test(answer) && /"status"/.test(answer)) finish(answer);
    };
    const finish = (result: string): void => {
      socket.off('data', onData);
      resolve(result);
    };
    socket.on('data', onData);
    socket.once('error', (error) => finish(`error: ${error.message}`));
    socket.once('close', () => finish(answer || 'closed without an answer'));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
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

  it('should answer, and then close, a request a client sends on its kept-alive connection after the signal', async () => {
    const gateway = stack.gateways[0]!;
    const port = Number(new URL(stack.gatewayUrls[0]!).port);
    const connection = connect(port, '127.0.0.1');
    await new Promise((resolve) => connection.once('connect', resolve));
    expect(await getOn(connection, '/health')).toMatch(/^HTTP\/1\.1 200/);

    process.kill(gateway.pid!, 'SIGTERM');
    // The gateway has begun draining once it refuses new connections; the kept-alive one is idle.
    await eventually(() => refusesConnections(port), { intervalMs: 10, what: 'the gateway to refuse new connections' });
    const lastAnswer = await getOn(connection, '/health');
    connection.destroy();

    expect(lastAnswer).toMatch(/^HTTP\/1\.1 200/);
    expect(lastAnswer).toMatch(/\r\nConnection: close\r\n/i);
    expect(await gateway.waitForExit()).toBe(0);
    await stack.startGateway(port);
  });
});
