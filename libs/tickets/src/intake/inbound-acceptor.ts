import { Injectable } from '@nestjs/common';
import { QueueProducer } from '../queue-producer.js';
import { InboundItemsRepository, type RawInbound } from './inbound-items.repository.js';

export interface AcceptedInbound {
  inboundId: string;
  /** False when the same item had been stored before (a redelivery). */
  isNew: boolean;
}

/**
 * The entry of every channel: store the raw input durably, then queue it. Only when this resolves
 * may the channel acknowledge its source; if it throws (Postgres or Redis down), the source must
 * keep the item and try again. Both steps are idempotent, so trying again is always safe.
 */
@Injectable()
export class InboundAcceptor {
  constructor(
    private readonly items: InboundItemsRepository,
    private readonly producer: QueueProducer,
  ) {}

  async accept(raw: RawInbound): Promise<AcceptedInbound> {
    const { item, isNew } = await this.items.store(raw);
    if (item.status === 'pending') await this.producer.enqueueIngest([item.id]);
    return { inboundId: item.id, isNew };
  }
}
