import { Injectable } from '@nestjs/common';
import type { AcceptedInbound, InboundSink, RawInbound, RejectedAtSource } from '@app/channels';
import { QueueProducer } from '../queue-producer.js';
import { InboundItemsRepository } from './inbound-items.repository.js';

/**
 * The entry of every channel (the apps wire it as the channels' `INBOUND_SINK`): store the raw input
 * durably, then queue it. Only when this resolves may the channel acknowledge its source; if it
 * throws (Postgres or Redis down), the source must keep the item and try again. Both steps are
 * idempotent, so trying again is always safe.
 */
@Injectable()
export class InboundAcceptor implements InboundSink {
  constructor(
    private readonly items: InboundItemsRepository,
    private readonly producer: QueueProducer,
  ) {}

  async accept(raw: RawInbound): Promise<AcceptedInbound> {
    const { item, isNew } = await this.items.store(raw);
    if (item.status === 'pending') await this.producer.enqueueIngest([item.id]);
    return { inboundId: item.id, isNew };
  }

  /** Records an item refused before download (e.g. too big): kept visible with its reason, never dropped. */
  storeRejected(item: RejectedAtSource): Promise<void> {
    return this.items.storeRejected(item);
  }
}
