import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RetentionService } from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';

/** Applies the retention policy at start and then every RETENTION_INTERVAL_MS (sla role). */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    const { attachmentDays, recordingDays } = this.config.retention;
    if (attachmentDays === 0 && recordingDays === 0) return;
    this.run();
    this.timer = setInterval(() => this.run(), this.config.retentionIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private run(): void {
    if (this.running) return;
    this.running = this.retention
      .apply(this.config.retention)
      .catch((error: Error) => this.logger.warn(`retention failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
