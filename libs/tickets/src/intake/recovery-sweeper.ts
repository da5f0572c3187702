import { Injectable, Logger } from '@nestjs/common';
import { OutboundDeliveriesRepository } from '../outbound/outbound-deliveries.repository.js';
import { MaintenanceNoticesService } from '../maintenance/maintenance-notices.service.js';
import { QueueProducer } from '../queue-producer.js';
import { InboundItemsRepository } from './inbound-items.repository.js';

export interface SweepResult {
  ingest: number;
  deliveries: number;
  notices: number;
}

/**
 * Re-queues work that Postgres says is unfinished: items whose job was lost with Redis (which keeps
 * nothing on disk), and confirmations owed after a crash between commit and enqueue. Deterministic
 * job ids make re-queueing work that is still queued a no-op, and every handler is idempotent.
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
    await this.producer.enqueueIngest(inboundIds);
    await this.producer.enqueueDeliveries(deliveryIds);
    await this.producer.enqueueNotices(noticeIds);
    // Deliveries waiting for a retry are found again each time (re-queueing them is a no-op): debug only.
    if (inboundIds.length + deliveryIds.length + noticeIds.length > 0) {
      this.logger.debug(`re-queued ${inboundIds.length} inbound item(s), ${deliveryIds.length} delivery(ies), ${noticeIds.length} notice(s)`);
    }
    return { ingest: inboundIds.length, deliveries: deliveryIds.length, notices: noticeIds.length };
  }
}
