import { Injectable, Logger } from '@nestjs/common';
import { OutboundDeliveriesRepository } from '../outbound/outbound-deliveries.repository.js';
import { MaintenanceNoticesService } from '../maintenance/maintenance-notices.service.js';
import { singleIngestJobId } from '../jobs.js';
import { QueueProducer, type IngestBatch } from '../queue-producer.js';
import { InboundItemsRepository } from './inbound-items.repository.js';

export interface SweepResult {
  ingest: number;
  deliveries: number;
  notices: number;
  /** Of those, jobs that had failed for good without Postgres hearing of it, run again. */
  retriedFailed: number;
}

/**
 * Re-queues work that Postgres says is unfinished: items whose job was lost with Redis (which keeps
 * nothing on disk), confirmations owed after a crash between commit and enqueue, and work whose job
 * failed for good while Postgres could not record it. Work is queued again under the job id it was
 * queued with (kept with an inbound item, derived from a delivery's or notice's id), so re-queueing
 * work that is still queued is a no-op; and every handler is idempotent.
 */
@Injectable()
export class RecoverySweeper {
  private readonly logger = new Logger(RecoverySweeper.name);

  constructor(
    private readonly items: InboundItemsRepository,
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly producer: QueueProducer,
    private readonly notices: MaintenanceNoticesService,
  ) {}

  async sweep(graceMs: number, batch = 500): Promise<SweepResult> {
    const items = await this.items.findStalePending(graceMs, batch);
    const deliveryIds = await this.deliveries.findStalePending(graceMs, batch);
    const noticeIds = await this.notices.findStalePending(graceMs, batch);
    const retriedFailed =
      (await this.producer.enqueueIngest(byJob(items), { retryFailed: true })) +
      (await this.producer.enqueueDeliveries(deliveryIds, { retryFailed: true })) +
      (await this.producer.enqueueNotices(noticeIds, { retryFailed: true }));
    // Deliveries waiting for a retry are found again each time (re-queueing them is a no-op): debug only.
    if (items.length + deliveryIds.length + noticeIds.length > 0) {
      this.logger.debug(`re-queued ${items.length} inbound item(s), ${deliveryIds.length} delivery(ies), ${noticeIds.length} notice(s)`);
    }
    if (retriedFailed > 0) {
      this.logger.warn(`ran again ${retriedFailed} job(s) that had failed for good while Postgres could not record it`);
    }
    return { ingest: items.length, deliveries: deliveryIds.length, notices: noticeIds.length, retriedFailed };
  }
}

/** Each item under the job that carries it: re-adding a job that still waits changes nothing, one lost with Redis is made anew with what it still owes. */
function byJob(items: Array<{ id: string; queueJobId: string | null }>): IngestBatch[] {
  const batches = new Map<string, string[]>();
  for (const { id, queueJobId } of items) {
    const jobId = queueJobId ?? singleIngestJobId(id);
    const batch = batches.get(jobId);
    if (batch) batch.push(id);
    else batches.set(jobId, [id]);
  }
  return [...batches].map(([jobId, inboundIds]) => ({ jobId, inboundIds }));
}
