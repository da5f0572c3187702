import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { TicketsService, type Actor, type Severity, type TicketDetailJson, type TicketListJson } from '@app/tickets';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { TicketListQuery } from './dto/ticket-list.query.js';
import { TicketDetailResponse, TicketListResponse } from './dto/ticket.response.js';
import { presentTicketDetail, presentTicketSummary } from './ticket.presenter.js';

@Controller('api/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /** Tickets the agent's tier may see; `sort=urgent` puts open, severe, soonest-due first. */
  @Get()
  @ApiOkResponse({ type: TicketListResponse })
  async list(@CurrentActor() actor: Actor, @Query() query: TicketListQuery): Promise<TicketListJson> {
    const { items, total } = await this.tickets.list(actor, {
      status: query.status,
      severity: query.severity as Severity | undefined,
      tier: query.tier,
      channel: query.channel,
      sla: query.sla,
      assignee: query.assignee === 'me' ? actor.id : query.assignee,
      severityReview: query.review === 'severity',
      q: query.q,
      sort: query.sort ?? 'newest',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    const now = new Date();
    return { items: items.map((ticket) => presentTicketSummary(ticket, now)), total };
  }

  @Get(':number')
  @ApiOkResponse({ type: TicketDetailResponse })
  async get(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string): Promise<TicketDetailJson> {
    return presentTicketDetail(await this.tickets.timeline(number, actor));
  }

  /** Files are always downloaded, never rendered by the browser (an attachment may claim to be HTML). */
  @Get(':number/attachments/:attachmentId')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, as a download.', schema: { type: 'string', format: 'binary' } })
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
