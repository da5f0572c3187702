import { Logger } from '@nestjs/common';

/**
 * Named fault points for the fault tests (FAULT_INJECT=after-intake-commit,...). Off unless
 * configured; each point fires once per process: a crash point exits as if killed, a stall point
 * (`name:milliseconds`) freezes the process for that long.
 */
export class FaultInjector {
  private readonly logger = new Logger(FaultInjector.name);
  private readonly armed: Set<string>;

  constructor(points: ReadonlySet<string>) {
    this.armed = new Set(points);
  }

  crashIfArmed(point: string): void {
    if (!this.armed.delete(point)) return;
    this.logger.error(`fault injection: crashing at "${point}"`);
    process.kill(process.pid, 'SIGKILL');
  }

  /**
   * Blocks the whole process (its event loop: no job-lock renewals, no timers, no I/O) for the
   * milliseconds the point names, as a long garbage collection or a frozen VM would.
   */
  stallIfArmed(point: string): void {
    // Asked on every intake group: nothing to look through when no fault is armed.
    if (this.armed.size === 0) return;
    const armed = [...this.armed].find((entry) => entry.startsWith(`${point}:`));
    if (!armed) return;
    this.armed.delete(armed);
    const milliseconds = Number(armed.slice(point.length + 1));
    this.logger.error(`fault injection: stalling ${milliseconds} ms at "${point}"`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
  }
}
