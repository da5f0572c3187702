import { Inject, Injectable } from '@nestjs/common';
import { PermanentDeliveryError, type Channel, type ChannelSender, type SendResult } from '@app/channels';
import { BatchCollector, deliveriesTotal, FaultInjector } from '@app/platform';
import {
  DeliveryRefusedError,
  JOBS,
  MaintenanceNoticesService,
  OutboundService,
  type DeliverJob,
  type DeliverNoticeJob,
  type DeliveryRequest,
  type DeliveryResult,
} from '@app/tickets';
import { UnrecoverableError, type Job } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';
import { ChannelRegistry } from '../intake/channel-registry.js';
import type { JobProcessor } from './job-processor.js';

/** Delivery groups in flight at once per worker process. */
const GROUPS_IN_FLIGHT = 2;

/**
 * Outbound queue: one outbox delivery (or maintenance notice) → its channel. Outcomes are recorded by
 * the services. Deliveries whose jobs run at the same time go as one group (`OutboundService.deliverMany`):
 * read together, sent each on its own, recorded together.
 */
@Injectable()
export class OutboundProcessor implements JobProcessor<DeliverJob | DeliverNoticeJob> {
  private readonly groups: BatchCollector<DeliveryRequest, DeliveryResult>;
  private readonly senderFor = (channel: Channel) => this.sender(channel);

  constructor(
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    private readonly outbound: OutboundService,
    private readonly notices: MaintenanceNoticesService,
    private readonly channels: ChannelRegistry,
    private readonly faults: FaultInjector,
  ) {
    this.groups = new BatchCollector({
      maxItems: Math.max(1, Math.ceil(config.outboundConcurrency / GROUPS_IN_FLIGHT)),
      maxWaitMs: 0,
      maxConcurrentFlushes: GROUPS_IN_FLIGHT,
      flush: (requests) => this.outbound.deliverMany(requests, this.senderFor),
    });
  }

  async process(job: Job<DeliverJob | DeliverNoticeJob>): Promise<string> {
    const attempt = { number: job.attemptsMade + 1, isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    try {
      if (job.name === JOBS.deliverNotice) return await this.notices.deliver((job.data as DeliverNoticeJob).noticeId, this.senderFor, attempt);
      return await this.groups.add({ deliveryId: (job.data as DeliverJob).deliveryId, attempt });
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
