import { Injectable } from '@nestjs/common';
import { JOBS, MaintenanceService, SlaMonitor, type MaintenanceReminderJob, type SlaCheckJob } from '@app/tickets';
import type { Job } from 'bullmq';
import type { JobProcessor } from './job-processor.js';

/** SLA queue: a ticket's SLA moment came (warn, escalate, send a status update), or a maintenance reminder. */
@Injectable()
export class SlaProcessor implements JobProcessor<SlaCheckJob | MaintenanceReminderJob> {
  constructor(
    private readonly monitor: SlaMonitor,
    private readonly maintenance: MaintenanceService,
  ) {}

  async process(job: Job<SlaCheckJob | MaintenanceReminderJob>): Promise<string> {
    if (job.name === JOBS.maintenanceReminder) {
      const sent = await this.maintenance.sendReminder((job.data as MaintenanceReminderJob).windowId);
      return `${sent} reminder(s)`;
    }
    const result = await this.monitor.check((job.data as SlaCheckJob).ticketId);
    return result.fired.join(',') || 'nothing due';
  }
}
