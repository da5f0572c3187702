import { Logger } from '@nestjs/common';

/**
 * Named crash points for the fault tests (FAULT_INJECT=after-intake-commit,...). Off unless
 * configured; each point fires once per process, then the process exits as if killed.
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
}
