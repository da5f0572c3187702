import { join } from 'node:path';
import { AppProcess } from '../test/support/app-process.js';
import { freePort } from '../test/support/ports.js';
import { repoRoot } from '../test/support/repo-root.js';
import type { TestEnvironment } from '../test/support/test-environment.js';
import { HttpSink } from './support/http-sink.js';
import { MonitoredProcesses, type ProcessFigures } from './support/monitored-processes.js';
import { OpenLoop, warmupEvents, type OpenLoopRun } from './support/open-loop.js';
import { StatementTally } from './support/statement-tally.js';

export interface ScenarioResult extends OpenLoopRun {
  scenario: string;
  /** Chat only: client sockets that dropped during the run, by socket.io reason. */
  disconnects?: Record<string, number>;
  /** Mails the system's SMTP server had accepted when the last event completed (a chat start's verification mail). */
  mailsAccepted?: number;
  processes: Record<string, ProcessFigures>;
  /** CPU seconds per 1,000 completed events of Postgres's backends, Redis, and the whole machine (every process and the kernel). */
  sharedCpuSecondsPer1000?: Record<string, number>;
  /** Statements the processes sent to Postgres per completed event (the bench's counting proxy). */
  postgresStatementsPerEvent?: number;
}

const DIST = join(repoRoot(), 'dist/bench/baseline');

/** The bare pipeline: HTTP POST → BullMQ add → worker inserts one row with raw SQL → confirmation job → HTTP to a sink. */
export async function runBaseline(env: TestEnvironment, count: number, ratePerSecond: number): Promise<ScenarioResult> {
  const sink = await HttpSink.start();
  const statements = StatementTally.create();
  const port = await freePort();
  const settings = {
    DATABASE_URL: env.databaseUrl,
    ...statements.settings,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: `${env.queuePrefix}-baseline`,
    PORT: String(port),
    BASELINE_SINK_URL: `http://127.0.0.1:${sink.port}/confirmations`,
  };
  const worker = await statements.instrument(new AppProcess('baseline-worker', settings, join(DIST, 'baseline-worker.js'), 'baseline worker ready')).start();
  const server = await statements.instrument(new AppProcess('baseline-server', settings, join(DIST, 'baseline-server.js'), 'baseline server ready')).start();
  const loop = new OpenLoop();
  const runId = Date.now().toString(36);
  sink.onArrival = (id) => loop.complete(Number(id.split('-')[1]));
  const monitors = new MonitoredProcesses({ 'baseline-server': server, 'baseline-worker': worker }, statements);
  try {
    const run = await monitors.measure(loop, {
      count,
      ratePerSecond,
      drainSeconds: 60,
      warmup: warmupEvents(ratePerSecond),
      fire: async (index) => {
        const response = await fetch(`http://127.0.0.1:${port}/events`, { method: 'POST', body: `${runId}-${index}` });
        if (response.status !== 202) throw new Error(`baseline answered ${response.status}`);
      },
    });
    return { scenario: 'baseline', ...run };
  } finally {
    await server.stop();
    await worker.stop();
    await sink.close();
    statements.close();
  }
}
