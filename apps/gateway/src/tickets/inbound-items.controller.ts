import { Controller, Get, Query } from '@nestjs/common';
import { INBOUND_STATUSES, InboundItemsRepository, tiersVisibleTo, type Actor } from '@app/tickets';
import { CurrentActor } from '../auth/auth.decorators.js';
import { optionalEnum, optionalInt } from '../http/query-params.js';

/** What arrived and what became of it, including mail kept aside (too big, unparseable) and skips; filtered by tier. */
@Controller('api/inbound')
export class InboundItemsController {
  constructor(private readonly items: InboundItemsRepository) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    const [items, total] = await this.items.list(
      { status: optionalEnum('status', query.status, INBOUND_STATUSES), tiers: tiersVisibleTo(actor) },
      optionalInt('limit', query.limit, 1, 200) ?? 50,
      optionalInt('offset', query.offset, 0, 1_000_000) ?? 0,
    );
    return {
      items: items.map((item) => ({
        id: item.id,
        channel: item.channel,
        status: item.status,
        outcome: item.outcome,
        summary: item.summary,
        sourceRef: item.sourceRef,
        sizeBytes: item.sizeBytes,
        attempts: item.attempts,
        lastError: item.lastError,
        receivedAt: item.receivedAt,
        processedAt: item.processedAt,
      })),
      total,
    };
  }
}
