import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOBS, QUEUES, deliverJobId, ingestJobId, type DeliverJob, type IngestJob } from './jobs.js';

/** The one place that puts work on BullMQ. */
@Injectable()
export class QueueProducer {
  constructor(
    @InjectQueue(QUEUES.intake) private readonly intake: Queue<IngestJob>,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue<DeliverJob>,
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
}
