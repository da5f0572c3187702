import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthSampler, MaintenanceService, SlaMonitor } from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';

/**
 * Keeps the SLA timers in BullMQ in step with Postgres: at start and then periodically it schedules
 * every moment due soon or missed (so a restart or a Redis flush loses none), re-creates maintenance
 * reminders, and records the service's health for the availability report.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaScheduler.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private scheduling?: Promise<unknown>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly monitor: SlaMonitor,
    private readonly maintenance: MaintenanceService,
    private readonly health: HealthSampler,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
    this.timers.push(setInterval(() => this.schedule(), this.config.slaScheduleIntervalMs));
    // Not at once: gateways and the mailbox connection need a moment to report after a start.
    this.timers.push(setInterval(() => this.sampleHealth(), this.config.healthSampleIntervalMs));
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((timer) => clearInterval(timer));
    await this.scheduling;
  }

  private schedule(): void {
    if (this.scheduling) return;
    this.scheduling = Promise.all([this.monitor.scheduleUpcoming(this.config.slaScheduleIntervalMs * 3), this.maintenance.scheduleReminders()])
      .catch((error: Error) => this.logger.warn(`SLA scheduling failed: ${error.message}`))
      .finally(() => (this.scheduling = undefined));
  }

  private sampleHealth(): void {
    this.health.sample(Boolean(this.config.email.imap)).catch((error: Error) => this.logger.warn(`health sampling failed: ${error.message}`));
  }
}
