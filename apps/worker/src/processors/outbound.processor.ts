import { Injectable } from '@nestjs/common';
import { PermanentDeliveryError, type Channel, type ChannelSender, type SendResult } from '@app/channels';
import { deliveriesTotal, FaultInjector } from '@app/platform';
import { DeliveryRefusedError, JOBS, MaintenanceNoticesService, OutboundService, type DeliverJob, type DeliverNoticeJob } from '@app/tickets';
import { UnrecoverableError, type Job } from 'bullmq';
import { ChannelRegistry } from '../intake/channel-registry.js';
import type { JobProcessor } from './job-processor.js';

/** Outbound queue: one outbox delivery (or maintenance notice) → its channel. Outcomes are recorded by the services. */
@Injectable()
export class OutboundProcessor implements JobProcessor<DeliverJob | DeliverNoticeJob> {
  constructor(
    private readonly outbound: OutboundService,
    private readonly notices: MaintenanceNoticesService,
    private readonly channels: ChannelRegistry,
    private readonly faults: FaultInjector,
  ) {}

  async process(job: Job<DeliverJob | DeliverNoticeJob>): Promise<string> {
    const attempt = { number: job.attemptsMade + 1, isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    const senderFor = (channel: Channel) => this.sender(channel);
    try {
      if (job.name === JOBS.deliverNotice) return await this.notices.deliver((job.data as DeliverNoticeJob).noticeId, senderFor, attempt);
      return await this.outbound.deliver((job.data as DeliverJob).deliveryId, senderFor, attempt);
    } catch (error) {
      if (error instanceof DeliveryRefusedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /**
   * The channel's sender, whose refusals for good reach the tickets as their own `DeliveryRefusedError`;
   * a fault test can kill the worker once a provider has accepted, before it is recorded.
   */
  private sender(channel: Channel): ChannelSender {
    const sender = this.channels.get(channel);
    return {
      channel: sender.channel,
      send: async (message) => {
        let result: SendResult;
        try {
          result = await sender.send(message);
        } catch (error) {
          deliveriesTotal.inc({ channel: message.channel, kind: message.kind, result: 'failed' });
          if (error instanceof PermanentDeliveryError) throw new DeliveryRefusedError(error.message);
          throw error;
        }
        deliveriesTotal.inc({ channel: message.channel, kind: message.kind, result: result.status });
        this.faults.crashIfArmed('after-provider-accept');
        return result;
      },
    };
  }
}
