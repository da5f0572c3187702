import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { CHANNELS, TICKET_STATUSES, TIERS, TicketsService, type Severity } from '@app/tickets';
import type { Response } from 'express';
import { optionalEnum, optionalInt, optionalText } from '../http/query-params.js';
import { presentTicketDetail, presentTicketSummary } from './ticket.presenter.js';

@Controller('api/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    const { items, total } = await this.tickets.list({
      status: optionalEnum('status', query.status, TICKET_STATUSES),
      severity: optionalInt('severity', query.severity, 0, 3) as Severity | undefined,
      tier: optionalEnum('tier', query.tier, TIERS),
      channel: optionalEnum('channel', query.channel, CHANNELS),
      q: optionalText('q', query.q, 200),
      limit: optionalInt('limit', query.limit, 1, 200) ?? 50,
      offset: optionalInt('offset', query.offset, 0, 1_000_000) ?? 0,
    });
    return { items: items.map(presentTicketSummary), total };
  }

  @Get(':number')
  async get(@Param('number') number: string) {
    return presentTicketDetail(await this.tickets.timeline(number.toUpperCase()));
  }

  /** Files are always downloaded, never rendered by the browser (an attachment may claim to be HTML). */
  @Get(':number/attachments/:attachmentId')
  async attachment(
    @Param('number') number: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const attachment = await this.tickets.attachment(number.toUpperCase(), attachmentId);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(attachment.content ?? Buffer.alloc(0), {
      type: 'application/octet-stream',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    });
  }
}
