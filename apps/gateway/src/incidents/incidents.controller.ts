import { BadRequestException, Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { IncidentBroadcastService, IncidentsService, IncidentUpdatePreviewService, type Actor } from '@app/tickets';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { DismissIncidentDto, EditIncidentDto, IncidentListQuery, IncidentLinksDto, IncidentMessageDto, IncidentPreviewDto, OpenIncidentDto } from './dto/incident.dto.js';
import { IncidentDetailResponse, IncidentListResponse, IncidentUpdatePreviewResponse, IncidentUpdateResponse } from './dto/incident.response.js';

/** Outage mode: one problem reported by many customers, one clock and one voice for all of them. */
@Controller('api/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly broadcast: IncidentBroadcastService,
    private readonly previews: IncidentUpdatePreviewService,
  ) {}

  @Get()
  @ApiOkResponse({ type: IncidentListResponse })
  async list(@Query() query: IncidentListQuery) {
    return { items: await this.incidents.list(query.dismissed === 'true') };
  }

  @Get(':id')
  @ApiOkResponse({ type: IncidentDetailResponse })
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.incidents.get(id, actor);
  }

  @Post()
  @ApiCreatedResponse({ type: IncidentDetailResponse })
  open(@CurrentActor() actor: Actor, @Body() fields: OpenIncidentDto) {
    return this.incidents.open(actor, { title: fields.title, severity: fields.severity, tickets: fields.tickets ?? [] });
  }

  @Patch(':id')
  @ApiOkResponse({ type: IncidentDetailResponse })
  edit(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() fields: EditIncidentDto) {
    // null counts as left out.
    return this.incidents.edit(id, actor, { title: fields.title ?? undefined, severity: fields.severity ?? undefined, countsAsDowntime: fields.countsAsDowntime ?? undefined });
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDetailResponse })
  confirm(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.incidents.confirm(id, actor);
  }

  /** A suspected incident that is not one leaves every live view; its tickets' timelines say so, customers hear nothing. */
  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDetailResponse })
  dismiss(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() fields: DismissIncidentDto) {
    return this.incidents.dismiss(id, actor, fields.reason ?? undefined);
  }

  @Post(':id/tickets')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDetailResponse })
  changeLinks(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() fields: IncidentLinksDto) {
    const add = fields.add ?? [];
    const remove = fields.remove ?? [];
    if (add.length === 0 && remove.length === 0) throw new BadRequestException('Escribe el número de al menos un ticket para vincular (add) o desvincular (remove).');
    return this.incidents.changeLinks(id, actor, { add, remove });
  }

  /** 201 with the update and how many customers it goes to. */
  @Post(':id/updates')
  @ApiCreatedResponse({ type: IncidentUpdateResponse })
  postUpdate(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() update: IncidentMessageDto) {
    return this.broadcast.postUpdate(id, actor, update.body);
  }

  /** How the text will read in mail, chat and SMS, and how many customers it will reach; sends nothing. */
  @Post(':id/updates/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentUpdatePreviewResponse })
  preview(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() draft: IncidentPreviewDto) {
    return this.previews.preview(id, actor, draft.body, draft.kind ?? 'update');
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentUpdateResponse })
  resolve(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() resolution: IncidentMessageDto) {
    return this.broadcast.resolve(id, actor, resolution.body);
  }
}
