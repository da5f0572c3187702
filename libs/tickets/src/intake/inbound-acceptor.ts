import { Injectable } from '@nestjs/common';
import type { AcceptedInbound, InboundSink, RawInbound, RejectedAtSource } from '@app/channels';
import { BatchCollector, isRefusedData } from '@app/platform';
import { newIngestJobId } from '../jobs.js';
import { QueueProducer } from '../queue-producer.js';
import { InboundItemsRepository } from './inbound-items.repository.js';

// Under load, the calls that arrive while the batch in flight is stored share the next one: one
// multi-row INSERT and one intake job for all of them. A lone call waits one event-loop turn.
// One batch in flight, not four: with four, a saturated gateway could settle into batches of two
// (a slot was always free while Postgres answered in a few ms), each call paying its own round
// trips, and stayed there for the run: 13 of 32 bench call runs that followed the baseline, with
// 40-100 % more gateway CPU per call and up to a third less throughput (docs/performance.md,
// twelfth pass).
// An item Postgres refuses (a data error) fails alone: the batch is written again item by item.
const BATCH = { maxItems: 100, maxWaitMs: 0, maxConcurrentFlushes: 1, splitWhen: isRefusedData };

/**
 * The entry of every channel (the apps wire it as the channels' `INBOUND_SINK`): store the raw input
 * durably, then queue it. Only when this resolves may the channel acknowledge its source; if it
 * throws (Postgres or Redis down), the source must keep the item and try again. Both steps are
 * idempotent, so trying again is always safe. Concurrent calls are stored and queued in batches;
 * each resolves only once its own item is both stored and queued.
 */
@Injectable()
export class InboundAcceptor implements InboundSink {
  private readonly batches = new BatchCollector<RawInbound, AcceptedInbound>({ ...BATCH, flush: (items) => this.acceptMany(items) });

  constructor(
    private readonly items: InboundItemsRepository,
    private readonly producer: QueueProducer,
  ) {}

  accept(raw: RawInbound): Promise<AcceptedInbound> {
    return this.batches.add(raw);
  }

  /** Records an item refused before download (e.g. too big): kept visible with its reason, never dropped. */
  storeRejected(item: RejectedAtSource): Promise<void> {
    return this.items.storeRejected(item);
  }

  private async acceptMany(raws: RawInbound[]): Promise<AcceptedInbound[]> {
    const jobId = newIngestJobId();
    const stored = await this.items.storeMany(raws, jobId);
    // A redelivery of an item still pending goes in this job too: its own may have been lost. If it
    // was not, the item is ingested by whichever runs first and the other finds it done.
    const pending = new Set(stored.filter((item) => item.status === 'pending').map((item) => item.id));
    if (pending.size > 0) await this.producer.enqueueIngest([{ jobId, inboundIds: [...pending] }]);
    return stored.map((item) => ({ inboundId: item.id, isNew: item.isNew }));
  }
}
