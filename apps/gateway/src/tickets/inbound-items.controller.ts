import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { InboundItemsRepository, tiersVisibleTo, type Actor } from '@app/tickets';
import { CurrentActor } from '../auth/auth.decorators.js';
import { InboundListResponse } from './dto/inbound-item.response.js';
import { InboundListQuery } from './dto/inbound-list.query.js';

/** What arrived and what became of it, including mail kept aside (too big, unparseable) and skips; filtered by tier. */
@Controller('api/inbound')
export class InboundItemsController {
  constructor(private readonly items: InboundItemsRepository) {}

  @Get()
  @ApiOkResponse({ type: InboundListResponse })
  async list(@CurrentActor() actor: Actor, @Query() query: InboundListQuery): Promise<InboundListResponse> {
    const [items, total] = await this.items.list({ status: query.status, tiers: tiersVisibleTo(actor) }, query.limit ?? 50, query.offset ?? 0);
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
