import { Injectable, Logger } from '@nestjs/common';
import { OutboundDeliveriesRepository } from '../outbound/outbound-deliveries.repository.js';
import { MaintenanceNoticesService } from '../maintenance/maintenance-notices.service.js';
import { QueueProducer } from '../queue-producer.js';
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
 * failed for good while Postgres could not record it. Deterministic job ids make re-queueing work
 * that is still queued a no-op, and every handler is idempotent.
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
    const inboundIds = await this.items.findStalePending(graceMs, batch);
    const deliveryIds = await this.deliveries.findStalePending(graceMs, batch);
    const noticeIds = await this.notices.findStalePending(graceMs, batch);
    const retriedFailed =
      (await this.producer.enqueueIngest(inboundIds, { retryFailed: true })) +
      (await this.producer.enqueueDeliveries(deliveryIds, { retryFailed: true })) +
      (await this.producer.enqueueNotices(noticeIds, { retryFailed: true }));
    // Deliveries waiting for a retry are found again each time (re-queueing them is a no-op): debug only.
    if (inboundIds.length + deliveryIds.length + noticeIds.length > 0) {
      this.logger.debug(`re-queued ${inboundIds.length} inbound item(s), ${deliveryIds.length} delivery(ies), ${noticeIds.length} notice(s)`);
    }
    if (retriedFailed > 0) {
      this.logger.warn(`ran again ${retriedFailed} job(s) that had failed for good while Postgres could not record it`);
    }
    return { ingest: inboundIds.length, deliveries: deliveryIds.length, notices: noticeIds.length, retriedFailed };
  }
}
