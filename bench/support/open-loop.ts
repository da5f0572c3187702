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
  /**
   * Events sent first, at the same rate, and left out of every figure (indexes `count` onwards): the
   * first second of a fresh process (cold code paths, connections still opening) is not how it runs.
   */
  warmup?: number;
  /**
   * Whether what the events left to do after their completion is done too (a chat start's
   * verification mail, sent after its confirmation): the run, and the CPU measured over it, ends only
   * then (at most `drainSeconds` after the last arrival), so the sustained rate is of the whole work.
   */
  settled?: () => boolean;
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

/** Most warm-up events a scenario sends, however high its rate: enough to start every path. */
const MAX_WARMUP_EVENTS = 200;

/** Warm-up events for a scenario at this rate: `BENCH_WARMUP_SECONDS` (default 3, 0 for none) of it. */
export function warmupEvents(ratePerSecond: number): number {
  const seconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
  return Math.min(MAX_WARMUP_EVENTS, Math.round(seconds * ratePerSecond));
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

  /** While measuring: the events that count are those below this index. */
  private measuring = Number.POSITIVE_INFINITY;

  /** Call when event `index`'s confirmation is seen at its sink. */
  complete(index: number, at = performance.now()): void {
    if (index >= this.measuring) return;
    if (!this.completions.has(index)) this.completions.set(index, at);
  }

  /** `beforeMeasuring` runs after the warm-up, right before the measured events (to reset counters). */
  async run(options: OpenLoopOptions, beforeMeasuring?: () => Promise<void>): Promise<OpenLoopRun> {
    await this.warmUp(options);
    await beforeMeasuring?.();
    return this.measured(options);
  }

  /** Sends the warm-up events and waits for them (at most `drainSeconds`); nothing of them is counted. */
  private async warmUp(options: OpenLoopOptions): Promise<void> {
    const warmup = options.warmup ?? 0;
    if (warmup === 0) return;
    const started = performance.now();
    const sends: Array<Promise<void>> = [];
    for (let offset = 0; offset < warmup; offset += 1) {
      const wait = started + (offset * 1_000) / options.ratePerSecond - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push(options.fire(options.count + offset).catch(() => undefined));
    }
    await Promise.all(sends);
    const deadline = performance.now() + options.drainSeconds * 1_000;
    const done = () => [...this.completions.keys()].filter((index) => index >= options.count).length;
    while (done() < warmup && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  private async measured(options: OpenLoopOptions): Promise<OpenLoopRun> {
    // Late warm-up completions are not the measured events'.
    for (const index of [...this.completions.keys()]) if (index >= options.count) this.completions.delete(index);
    this.measuring = options.count;
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
    let finished = Math.max(...this.completions.values(), started);
    if (options.settled) {
      while (!options.settled() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      finished = Math.max(finished, performance.now());
    }
    const span = (finished - started) / 1_000;
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
