import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RecoverySweeper } from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';

/** Runs the recovery sweep at start (after a crash or a Redis flush) and then periodically. */
@Injectable()
export class RecoveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoveryScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly sweeper: RecoverySweeper,
  ) {}

  onApplicationBootstrap(): void {
    // At start, re-queue everything unfinished at once: a job that is still queued makes it a no-op.
    this.runSweep(0);
    this.timer = setInterval(() => this.runSweep(this.config.sweepGraceMs), this.config.sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private runSweep(graceMs: number): void {
    if (this.running) return;
    this.running = this.sweeper
      .sweep(graceMs)
      .catch((error: Error) => this.logger.warn(`recovery sweep failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
