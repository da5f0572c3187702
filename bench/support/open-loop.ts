import { performance } from 'node:perf_hooks';
import { summariseLatencies, type LatencySummary } from './latency-stats.js';
import { round } from './process-stats.js';

export interface OpenLoopOptions {
  /** Events to send. */
  count: number;
  /** Offered arrival rate: event i is sent at i / rate seconds, whether or not earlier ones finished. */
  ratePerSecond: number;
  /** Give up waiting for completions this long after the last arrival. */
  drainSeconds: number;
  /** Sends event `index`; resolves when the source accepted it (its completion is reported apart). */
  fire: (index: number) => Promise<void>;
  /** Names event `index`'s kind (its channel, say), to report latencies per kind too. */
  groupOf?: (index: number) => string;
}

export interface OpenLoopRun {
  offeredPerSecond: number;
  sent: number;
  failedToSend: number;
  /** Why sends failed, by error message (first 120 characters). */
  sendErrors: Record<string, number>;
  completed: number;
  /** Completions per second from the first arrival to the last completion. */
  sustainedPerSecond: number;
  /** Arrival (send) to completion (confirmation observed at its sink). */
  latency: LatencySummary;
  /** Per kind of event, with `groupOf`. */
  latencyByGroup?: Record<string, LatencySummary>;
  wallSeconds: number;
}

/**
 * An open-loop load: arrivals follow a fixed schedule (a real crowd does not wait for us), and each
 * event's latency runs from its scheduled arrival to its completion, so queueing delay counts.
 */
export class OpenLoop {
  private readonly arrivals = new Map<number, number>();
  private readonly completions = new Map<number, number>();
  private failed = 0;
  private readonly sendErrors: Record<string, number> = {};

  /** Call when event `index`'s confirmation is seen at its sink. */
  complete(index: number, at = performance.now()): void {
    if (!this.completions.has(index)) this.completions.set(index, at);
  }

  async run(options: OpenLoopOptions): Promise<OpenLoopRun> {
    const started = performance.now();
    const inFlight: Array<Promise<void>> = [];
    for (let index = 0; index < options.count; index += 1) {
      const due = started + (index * 1_000) / options.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      this.arrivals.set(index, due);
      inFlight.push(
        options.fire(index).catch((error: unknown) => {
          this.failed += 1;
          const reason = describe(error).slice(0, 120);
          this.sendErrors[reason] = (this.sendErrors[reason] ?? 0) + 1;
        }),
      );
    }
    await Promise.all(inFlight);
    const deadline = performance.now() + options.drainSeconds * 1_000;
    while (this.completions.size < options.count - this.failed && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencies = [...this.completions].map(([index, at]) => at - this.arrivals.get(index)!);
    const byGroup = new Map<string, number[]>();
    if (options.groupOf) {
      for (const [index, at] of this.completions) {
        const group = options.groupOf(index);
        if (!byGroup.has(group)) byGroup.set(group, []);
        byGroup.get(group)!.push(at - this.arrivals.get(index)!);
      }
    }
    const lastCompletion = Math.max(...this.completions.values(), started);
    const span = (lastCompletion - started) / 1_000;
    return {
      offeredPerSecond: options.ratePerSecond,
      sent: options.count - this.failed,
      failedToSend: this.failed,
      sendErrors: this.sendErrors,
      completed: this.completions.size,
      sustainedPerSecond: round(this.completions.size / Math.max(span, 0.001)),
      latency: summariseLatencies(latencies),
      ...(options.groupOf ? { latencyByGroup: Object.fromEntries([...byGroup].map(([group, values]) => [group, summariseLatencies(values)])) } : {}),
      wallSeconds: round((performance.now() - started) / 1_000),
    };
  }
}

/** The message with its cause's (fetch wraps the socket error: `fetch failed` alone says nothing). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message}: ${cause.code ?? cause.message ?? String(cause)}` : error.message;
}
