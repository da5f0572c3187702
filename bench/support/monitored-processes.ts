import type { AppProcess } from '../../test/support/app-process.js';
import type { OpenLoop, OpenLoopOptions, OpenLoopRun } from './open-loop.js';
import { MachineCpu } from './machine-cpu.js';
import { ProcessMonitor, round } from './process-stats.js';

export interface ProcessFigures {
  peakRssMiB: number;
  cpuSeconds: number;
  cpuSecondsPer1000: number;
  /** RSS samples (MiB), for flatness over long runs. */
  rssSeriesMiB: number[];
  /** Postgres statements this process sent per completed event, when the processes count them. */
  statementsPerEvent?: number;
}

/** Counts what the processes asked of Postgres (see StatementTally). */
export interface StatementCount {
  /** Statements sent since the last reset, by the pid of the process that sent them. */
  count(): Promise<Map<number, number>>;
  reset(): Promise<void>;
}

/**
 * Samples every process of a scenario while it runs; figures per 1,000 completed events, the CPU of
 * the shared services (Postgres, Redis) and of the whole machine per 1,000 completed events, and the
 * Postgres statements per completed event when the processes count them (StatementTally).
 */
export class MonitoredProcesses {
  private readonly monitors = new Map<string, ProcessMonitor>();
  private readonly machine = new MachineCpu();

  constructor(
    processes: Record<string, AppProcess>,
    private readonly statements?: StatementCount,
    intervalMs = 500,
  ) {
    for (const [name, process] of Object.entries(processes)) this.monitors.set(name, new ProcessMonitor(process.pid!, intervalMs));
  }

  /** Runs the open loop with every process sampled from its first arrival to its end. */
  async measure(
    loop: OpenLoop,
    options: OpenLoopOptions,
  ): Promise<OpenLoopRun & { processes: Record<string, ProcessFigures>; sharedCpuSecondsPer1000: Record<string, number>; postgresStatementsPerEvent?: number }> {
    const run = await loop.run(options, async () => {
      await this.statements?.reset();
      this.start();
    });
    const perEvent = (count: number): number => round(count / Math.max(1, run.completed), 1);
    const counts = await this.statements?.count();
    const sharedCpuSecondsPer1000 = Object.fromEntries(Object.entries(this.machine.stop()).map(([name, seconds]) => [name, round((seconds * 1_000) / Math.max(1, run.completed))]));
    const processes = this.stop(run.completed);
    if (!counts) return { ...run, processes, sharedCpuSecondsPer1000 };
    for (const [name, figures] of Object.entries(processes)) figures.statementsPerEvent = perEvent(counts.get(this.monitors.get(name)!.pid) ?? 0);
    return { ...run, processes, sharedCpuSecondsPer1000, postgresStatementsPerEvent: perEvent([...counts.values()].reduce((sum, count) => sum + count, 0)) };
  }

  start(): void {
    this.machine.start();
    for (const monitor of this.monitors.values()) monitor.start();
  }

  stop(completed: number): Record<string, ProcessFigures> {
    const figures: Record<string, ProcessFigures> = {};
    for (const [name, monitor] of this.monitors) {
      const stats = monitor.stop();
      figures[name] = { ...stats, cpuSecondsPer1000: round((stats.cpuSeconds * 1_000) / Math.max(1, completed)) };
    }
    return figures;
  }
}
