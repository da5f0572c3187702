import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  JOBS,
  QUEUES,
  deliverJobId,
  ingestJobId,
  maintenanceReminderJobId,
  noticeJobId,
  slaCheckJobId,
  type DeliverJob,
  type DeliverNoticeJob,
  type IngestJob,
  type MaintenanceReminderJob,
  type SlaCheckJob,
} from './jobs.js';

/** The one place that puts work on BullMQ. */
@Injectable()
export class QueueProducer {
  constructor(
    @InjectQueue(QUEUES.intake) private readonly intake: Queue<IngestJob>,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue<DeliverJob | DeliverNoticeJob>,
    @InjectQueue(QUEUES.sla) private readonly sla: Queue<SlaCheckJob | MaintenanceReminderJob>,
  ) {}

  async enqueueIngest(inboundIds: string[]): Promise<void> {
    if (inboundIds.length === 0) return;
    await this.intake.addBulk(
      inboundIds.map((inboundId) => ({ name: JOBS.ingest, data: { inboundId }, opts: { jobId: ingestJobId(inboundId) } })),
    );
  }

  async enqueueDeliveries(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.outbound.addBulk(
      deliveryIds.map((deliveryId) => ({ name: JOBS.deliver, data: { deliveryId }, opts: { jobId: deliverJobId(deliveryId) } })),
    );
  }

  async enqueueNotices(noticeIds: string[]): Promise<void> {
    if (noticeIds.length === 0) return;
    await this.outbound.addBulk(
      noticeIds.map((noticeId) => ({ name: JOBS.deliverNotice, data: { noticeId }, opts: { jobId: noticeJobId(noticeId) } })),
    );
  }

  /** Delayed jobs that run at their moment (at once when it has passed). */
  async scheduleSlaChecks(moments: Array<{ ticketId: string; at: Date }>): Promise<void> {
    if (moments.length === 0) return;
    const now = Date.now();
    await this.sla.addBulk(
      moments.map(({ ticketId, at }) => ({
        name: JOBS.slaCheck,
        data: { ticketId },
        opts: { jobId: slaCheckJobId(ticketId, at), delay: Math.max(0, at.getTime() - now) },
      })),
    );
  }

  async scheduleMaintenanceReminder(windowId: string, at: Date): Promise<void> {
    await this.sla.add(
      JOBS.maintenanceReminder,
      { windowId },
      { jobId: maintenanceReminderJobId(windowId), delay: Math.max(0, at.getTime() - Date.now()) },
    );
  }
}
