import { Injectable } from '@nestjs/common';
import { ChannelRegistry } from '@app/channels';
import { OutboundService, PermanentDeliveryError, type DeliverJob } from '@app/tickets';
import { UnrecoverableError, type Job } from 'bullmq';
import type { JobProcessor } from './job-processor.js';

/** Outbound queue: one outbox delivery → its channel. Failures are recorded on the ticket by the service. */
@Injectable()
export class OutboundProcessor implements JobProcessor<DeliverJob> {
  constructor(
    private readonly outbound: OutboundService,
    private readonly channels: ChannelRegistry,
  ) {}

  async process(job: Job<DeliverJob>): Promise<string> {
    const attempt = { number: job.attemptsMade + 1, isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    try {
      return await this.outbound.deliver(job.data.deliveryId, (channel) => this.channels.get(channel), attempt);
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
