import { Injectable } from '@nestjs/common';
import { DELIVERY_WAIT_MS, DeliveryRefusedError, JOBS, MaintenanceNoticesService, OutboundService, type DeliverJob, type DeliverNoticeJob } from '@app/tickets';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { ChannelSenders } from './channel-senders.js';
import type { JobProcessor } from './job-processor.js';

/** Outbound queue: one outbox delivery (or maintenance notice) → its channel. Outcomes are recorded by the services. */
@Injectable()
export class OutboundProcessor implements JobProcessor<DeliverJob | DeliverNoticeJob> {
  constructor(
    private readonly outbound: OutboundService,
    private readonly notices: MaintenanceNoticesService,
    private readonly senders: ChannelSenders,
  ) {}

  async process(job: Job<DeliverJob | DeliverNoticeJob>, token?: string): Promise<string> {
    const attemptsBefore = job.name === JOBS.deliver ? ((job.data as DeliverJob).attemptsBefore ?? 0) : 0;
    const attempt = { number: attemptsBefore + job.attemptsMade + 1, isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    try {
      if (job.name === JOBS.deliverNotice) return await this.notices.deliver((job.data as DeliverNoticeJob).noticeId, this.senders.senderFor, attempt);
      const result = await this.outbound.deliver((job.data as DeliverJob).deliveryId, this.senders.senderFor, attempt);
      if (result !== 'waiting') return result;
      // Not an attempt: the job comes back later, as it is, and BullMQ counts nothing.
      await job.moveToDelayed(Date.now() + DELIVERY_WAIT_MS, token);
      throw new DelayedError();
    } catch (error) {
      if (error instanceof DeliveryRefusedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
