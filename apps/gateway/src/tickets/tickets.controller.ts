import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { CHANNELS } from '@app/channels';
import { SLA_STATES, TICKET_SORTS, TICKET_STATUSES, TicketsService, TIERS, type Actor, type Severity } from '@app/tickets';
import type { Response } from 'express';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { optionalEnum, optionalInt, optionalText, optionalUuidOr } from '../http/query-params.js';
import { presentTicketDetail, presentTicketSummary } from './ticket.presenter.js';

@Controller('api/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /** Tickets the agent's tier may see; `sort=urgent` puts open, severe, soonest-due first. */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    const { items, total } = await this.tickets.list(actor, {
      status: optionalEnum('status', query.status, TICKET_STATUSES),
      severity: optionalInt('severity', query.severity, 0, 3) as Severity | undefined,
      tier: optionalEnum('tier', query.tier, TIERS),
      channel: optionalEnum('channel', query.channel, CHANNELS),
      sla: optionalEnum('sla', query.sla, SLA_STATES),
      assignee: query.assignee === 'me' ? actor.id : optionalUuidOr('assignee', query.assignee, ['none']),
      severityReview: optionalEnum('review', query.review, ['severity'] as const) === 'severity',
      q: optionalText('q', query.q, 200),
      sort: optionalEnum('sort', query.sort, TICKET_SORTS) ?? 'newest',
      limit: optionalInt('limit', query.limit, 1, 200) ?? 50,
      offset: optionalInt('offset', query.offset, 0, 1_000_000) ?? 0,
    });
    const now = new Date();
    return { items: items.map((ticket) => presentTicketSummary(ticket, now)), total };
  }

  @Get(':number')
  async get(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string) {
    return presentTicketDetail(await this.tickets.timeline(number, actor));
  }

  /** Files are always downloaded, never rendered by the browser (an attachment may claim to be HTML). */
  @Get(':number/attachments/:attachmentId')
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('number', TicketNumberPipe) number: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const attachment = await this.tickets.attachment(number, attachmentId, actor);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(attachment.content ?? Buffer.alloc(0), {
      type: 'application/octet-stream',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    });
  }
}
