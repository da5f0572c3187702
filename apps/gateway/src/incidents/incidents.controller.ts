import { BadRequestException, Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { INCIDENT_TITLE_MAX_CHARS, INCIDENT_UPDATE_MAX_CHARS, IncidentBroadcastService, IncidentsService, type Actor } from '@app/tickets';
import { CurrentActor } from '../auth/auth.decorators.js';
import { optionalBoolean, optionalString, requiredText } from '../http/body-fields.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { severityField, ticketNumbersField } from './incident-fields.js';

type Fields = Record<string, unknown>;
const fieldsOf = (body: unknown): Fields => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('the body must be a JSON object');
  return body as Fields;
};

/** Outage mode: one problem reported by many customers, one clock and one voice for all of them. */
@Controller('api/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly broadcast: IncidentBroadcastService,
  ) {}

  @Get()
  async list() {
    return { items: await this.incidents.list() };
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.incidents.get(id, actor);
  }

  @Post()
  open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const fields = fieldsOf(body);
    return this.incidents.open(actor, {
      title: requiredText('title', fields.title, INCIDENT_TITLE_MAX_CHARS),
      severity: severityField('severity', fields.severity),
      tickets: ticketNumbersField('tickets', fields.tickets),
    });
  }

  @Patch(':id')
  edit(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() body: unknown) {
    const fields = fieldsOf(body);
    return this.incidents.edit(id, actor, {
      title: optionalString('title', fields.title, INCIDENT_TITLE_MAX_CHARS),
      severity: fields.severity === undefined ? undefined : severityField('severity', fields.severity),
      countsAsDowntime: optionalBoolean('countsAsDowntime', fields.countsAsDowntime),
    });
  }

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.incidents.confirm(id, actor);
  }

  @Post(':id/tickets')
  @HttpCode(200)
  changeLinks(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() body: unknown) {
    const fields = fieldsOf(body);
    const add = ticketNumbersField('add', fields.add);
    const remove = ticketNumbersField('remove', fields.remove);
    if (add.length === 0 && remove.length === 0) throw new BadRequestException('name tickets to add or remove');
    return this.incidents.changeLinks(id, actor, { add, remove });
  }

  /** 201 with the update and how many customers it goes to. */
  @Post(':id/updates')
  postUpdate(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.broadcast.postUpdate(id, actor, requiredText('body', fieldsOf(body).body, INCIDENT_UPDATE_MAX_CHARS));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.broadcast.resolve(id, actor, requiredText('body', fieldsOf(body).body, INCIDENT_UPDATE_MAX_CHARS));
  }
}
