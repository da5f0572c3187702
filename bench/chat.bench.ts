import { performance } from 'node:perf_hooks';
import { AppProcess } from '../test/support/app-process.js';
import { ChatTestClient } from '../test/support/chat-client.js';
import { eventually } from '../test/support/eventually.js';
import { freePort } from '../test/support/ports.js';
import type { TestEnvironment } from '../test/support/test-environment.js';
import { summariseLatencies, type LatencySummary } from './support/latency-stats.js';
import { ProcessMonitor, round, sampleProcess } from './support/process-stats.js';

export interface ChatLatencyResult {
  scenario: 'chat-latency';
  conversations: number;
  /** From emitting `chat:start` to its ack (stored and queued). */
  startToAck: LatencySummary;
  /** From emitting `chat:start` to receiving `ticket:confirmed` (through the worker and Redis). */
  startToConfirmed: LatencySummary;
}

export interface ChatConnectionsResult {
  scenario: 'chat-connections';
  target: number;
  held: number;
  secondsToConnect: number;
  gateway: { baselineRssMiB: number; rssMiB: number; kibPerConnection: number; cpuSeconds: number };
}

/** One conversation after the other against a real gateway and worker: the customer's view of the delay. */
export async function runChatLatency(env: TestEnvironment, conversations: number): Promise<ChatLatencyResult> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), LOG_FORMAT: 'json' })).start();
  const worker = await new AppProcess('worker', env.processEnv({ LOG_FORMAT: 'json' })).start();
  const toAck: number[] = [];
  const toConfirmed: number[] = [];
  try {
    for (let index = 0; index < conversations; index += 1) {
      const client = await ChatTestClient.connect(base);
      const started = performance.now();
      await client.start({ name: `Cliente ${index}`, email: `chat-bench-${index}@cliente.example.mx`, message: '¿Cómo descargo el XML de una factura?' });
      toAck.push(performance.now() - started);
      await client.waitFor('ticket:confirmed');
      toConfirmed.push(client.received.find((received) => received.event === 'ticket:confirmed')!.at - started);
      client.close();
    }
    return { scenario: 'chat-latency', conversations, startToAck: summariseLatencies(toAck), startToConfirmed: summariseLatencies(toConfirmed) };
  } finally {
    await gateway.stop();
    await worker.stop();
  }
}

/**
 * How many customer connections one gateway process holds: `target` socket.io clients each start a
 * conversation (so each is in a room and registered as present) and stay connected.
 */
export async function runChatConnections(env: TestEnvironment, target: number, batch = 100): Promise<ChatConnectionsResult> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), LOG_FORMAT: 'json', CHAT_RATE_LIMIT: '1000' })).start();
  const monitor = new ProcessMonitor(gateway.pid!);
  const clients: ChatTestClient[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const baseline = sampleProcess(gateway.pid!)!.rssBytes;
    monitor.start();
    const started = performance.now();
    for (let offset = 0; offset < target; offset += batch) {
      const size = Math.min(batch, target - offset);
      const opened = await Promise.all(
        Array.from({ length: size }, async (_, index) => {
          const client = await ChatTestClient.connect(base);
          const ack = await client.start({ name: 'Carga', email: `load-${offset + index}@cliente.example.mx`, message: 'Prueba de carga del chat' });
          if (!ack.token) throw new Error(`chat:start failed: ${JSON.stringify(ack)}`);
          return client;
        }),
      );
      clients.push(...opened);
    }
    const secondsToConnect = (performance.now() - started) / 1_000;
    // Let the heap settle, then count who is still connected.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const held = await eventually(() => clients.filter((client) => client.socket.connected).length, { what: 'a count' });
    const rss = sampleProcess(gateway.pid!)!.rssBytes;
    const stats = monitor.stop();
    return {
      scenario: 'chat-connections',
      target,
      held,
      secondsToConnect: round(secondsToConnect),
      gateway: {
        baselineRssMiB: round(baseline / 2 ** 20),
        rssMiB: round(rss / 2 ** 20),
        kibPerConnection: round((rss - baseline) / 1024 / Math.max(1, held)),
        cpuSeconds: stats.cpuSeconds,
      },
    };
  } finally {
    for (const client of clients) client.close();
    await gateway.stop();
  }
}
