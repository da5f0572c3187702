import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { TestEnvironment } from '../test/support/test-environment.js';
import type { ScenarioResult } from './baseline.bench.js';
import { MonitoredProcesses } from './support/monitored-processes.js';
import { OpenLoop, warmupEvents } from './support/open-loop.js';
import { SystemUnderTest } from './system-under-test.js';

/**
 * Chat customers arriving at a fixed rate: each event is a `chat:start` on its own (already
 * connected) socket, which opens a ticket; it completes when `ticket:confirmed` reaches the socket.
 */
export async function runChatLoad(env: TestEnvironment, count: number, ratePerSecond: number): Promise<ScenarioResult> {
  const system = await SystemUnderTest.start(env);
  const loop = new OpenLoop();
  const sockets: Socket[] = [];
  const monitors = new MonitoredProcesses(system.processes, system.statements);
  const disconnects: Record<string, number> = {};
  try {
    // Customers are on the page before they write: connect them all first (not measured), the
    // warm-up's too (their indexes follow the measured ones).
    const warmup = warmupEvents(ratePerSecond);
    for (let offset = 0; offset < count + warmup; offset += 200) {
      const batch = Array.from({ length: Math.min(200, count + warmup - offset) }, (_, index) => {
        const socket = io(`${system.base}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
        const event = offset + index;
        socket.on('ticket:confirmed', () => loop.complete(event, performance.now()));
        // A socket that drops misses live events (the widget would resume from its token); count why.
        socket.on('disconnect', (reason) => {
          disconnects[reason] = (disconnects[reason] ?? 0) + 1;
        });
        sockets.push(socket);
        return new Promise<void>((resolve, reject) => {
          socket.once('chat:session', () => resolve());
          socket.once('connect_error', reject);
        });
      });
      await Promise.all(batch);
    }
    const run = await monitors.measure(loop, {
      count,
      ratePerSecond,
      drainSeconds: 60,
      warmup,
      // Every start (the warm-up's too) mails a verification link; the run ends when they are all out.
      settled: () => (system.mail?.accepted ?? Number.POSITIVE_INFINITY) >= count + warmup,
      fire: async (index) => {
        const ack = (await sockets[index]!.timeout(30_000).emitWithAck('chat:start', {
          clientId: `bench-${String(index).padStart(8, '0')}`,
          name: `Cliente ${index}`,
          email: `chat-load-${index}@cliente.example.mx`,
          message: '¿Cómo descargo el XML de una factura?',
        })) as { error?: string };
        if (ack.error) throw new Error(ack.error);
      },
    });
    return { scenario: 'chat', ...run, disconnects, mailsAccepted: system.mail?.accepted };
  } finally {
    for (const socket of sockets) socket.close();
    await system.stop();
  }
}
