import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric of Ventanilla, in one registry per process (docs/metrics.md lists them).
 * Defined once at module load: a process that builds several Nest applications (the tests do)
 * shares them instead of registering a name twice. Counters and histograms are bumped where the
 * code counts (one line); gauges read their value from `MetricSources` at scrape time.
 */
export const metricsRegistry = new Registry();

let defaultsCollected = false;

/** Event-loop lag, heap, GC, CPU and file descriptors (prom-client's process metrics), once per process that serves metrics. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** Lets the gauges below ask live state (queues, Postgres, the mailbox reader) only when scraped. */
export class MetricSources<Source> {
  private readonly sources = new Set<Source>();

  add(source: Source): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }

  get all(): Source[] {
    return [...this.sources];
  }
}

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed', number>;

export interface QueueSnapshot {
  queue: string;
  counts: QueueCounts;
  /** Seconds the oldest job nobody has taken yet has waited (0: none waiting). */
  oldestWaitingSeconds: number;
}

export interface SlaExposure {
  atRisk: number;
  breached: number;
}

export interface MailboxSnapshot {
  /** The IMAP folder read (IMAP_MAILBOX). */
  mailbox: string;
  connected: boolean;
  /** When the last poll of the mailbox succeeded, if one has. */
  lastSyncAt?: Date;
}

export const queueSources = new MetricSources<() => Promise<QueueSnapshot[]>>();
export const slaSources = new MetricSources<() => Promise<SlaExposure>>();
export const mailboxSources = new MetricSources<() => MailboxSnapshot>();

export const intakeTotal = new Counter({
  name: 'ventanilla_intake_total',
  help: 'Inbound items the worker handled, by channel and outcome (ticket_created, message_added, skipped, rejected, ...).',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const deliveriesTotal = new Counter({
  name: 'ventanilla_deliveries_total',
  help: 'Attempts to send a message to a customer, by channel, kind (confirmation, reply, ...) and result (sent, held, failed).',
  labelNames: ['channel', 'kind', 'result'] as const,
  registers: [metricsRegistry],
});

export const httpRequestDuration = new Histogram({
  name: 'ventanilla_http_request_duration_seconds',
  help: 'Gateway HTTP requests by route template, method and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const socketEventDuration = new Histogram({
  name: 'ventanilla_socket_event_duration_seconds',
  help: 'Socket.io events handled by the gateway, by namespace, event and result (ok, error).',
  labelNames: ['namespace', 'event', 'result'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Sums what every source of a kind reports; a failing source leaves its part out rather than failing the scrape. */
async function settled<T>(sources: Array<() => Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(sources.map((source) => source()));
  return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

new Gauge({
  name: 'ventanilla_queue_jobs',
  help: 'Jobs in each BullMQ queue, by state (waiting, active, delayed, failed).',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const snapshot of (await settled(queueSources.all)).flat()) {
      for (const [state, count] of Object.entries(snapshot.counts)) this.set({ queue: snapshot.queue, state }, count);
    }
  },
});

new Gauge({
  name: 'ventanilla_queue_oldest_waiting_seconds',
  help: 'Age of the oldest job nobody has taken yet, per queue: grows while work is not consumed.',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const snapshot of (await settled(queueSources.all)).flat()) this.set({ queue: snapshot.queue }, snapshot.oldestWaitingSeconds);
  },
});

new Gauge({
  name: 'ventanilla_sla_tickets',
  help: 'Open tickets whose SLA is at risk (past the at-risk share, not breached) or breached.',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const [snapshot] = await settled(slaSources.all);
    if (!snapshot) return;
    this.set({ state: 'at_risk' }, snapshot.atRisk);
    this.set({ state: 'breached' }, snapshot.breached);
  },
});

/** A gauge per mailbox read by this process: none where no mailbox is read (an unlabelled gauge would always show 0). */
function mailboxGauge(name: string, help: string, valueOf: (mailbox: MailboxSnapshot) => number | undefined): void {
  new Gauge({
    name,
    help,
    labelNames: ['mailbox'] as const,
    registers: [metricsRegistry],
    collect() {
      this.reset();
      for (const mailbox of mailboxSources.all.map((source) => source())) {
        const value = valueOf(mailbox);
        if (value !== undefined) this.set({ mailbox: mailbox.mailbox }, value);
      }
    },
  });
}

mailboxGauge(
  'ventanilla_mailbox_connected',
  '1 while this worker is connected to the support mailbox (IMAP), 0 when not; absent where no mailbox is read.',
  (mailbox) => (mailbox.connected ? 1 : 0),
);

mailboxGauge(
  'ventanilla_mailbox_last_poll_success_timestamp_seconds',
  'When this worker last read the support mailbox successfully (Unix time).',
  (mailbox) => (mailbox.lastSyncAt ? mailbox.lastSyncAt.getTime() / 1_000 : undefined),
);
