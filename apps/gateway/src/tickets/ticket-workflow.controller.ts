import { BadRequestException, Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { deniedReason, ticketNumberFromQuery, transitionForStatus, TicketsService, TicketWorkflowService, type Actor, type HiddenTicketJson, type Severity, type TicketDetailJson, type TicketEntity, type Transition } from '@app/tickets';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { AssignDto, EscalateDto, MergeDto, NoteDto, ProgressDto, ReopenDto, ResolveDto, SendBackDto, UpdateTicketDto } from './dto/workflow.dto.js';
import { HiddenTicketResponse, TicketDetailResponse } from './dto/ticket.response.js';
import { presentTicketDetail, presentTicketSummary } from './ticket.presenter.js';

/** Moving a ticket through the support process; each answers with the updated ticket. */
const TicketAfterChange = () =>
  ApiOkResponse({
    description: 'The ticket as it is now; only its summary (`visibleToYou: false`) when the change took it to a tier the agent does not see.',
    schema: { oneOf: [{ $ref: getSchemaPath(TicketDetailResponse) }, { $ref: getSchemaPath(HiddenTicketResponse) }] },
  });

@Controller('api/tickets/:number')
@ApiExtraModels(TicketDetailResponse, HiddenTicketResponse)
export class TicketWorkflowController {
  constructor(
    private readonly workflow: TicketWorkflowService,
    private readonly tickets: TicketsService,
  ) {}

  /** INTERFACE.md: `{ severity?, status? }`, with `reason` (severity), `resolution` (resolved) or `note`. */
  @Patch()
  @TicketAfterChange()
  async update(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() fields: UpdateTicketDto) {
    // null counts as left out.
    const severity = fields.severity ?? undefined;
    if (severity === undefined && !fields.status) throw new BadRequestException('Indica la severidad (severity) o el estado (status).');
    const ticketNumber = number;
    let ticket: TicketEntity | undefined;
    if (severity !== undefined) {
      ticket = await this.workflow.transition(ticketNumber, actor, { kind: 'change_severity', severity: severity as Severity, reason: fields.reason ?? '' });
    }
    if (fields.status) {
      const current = ticket ?? (await this.workflow.authorize(ticketNumber, actor, 'set_status'));
      ticket = await this.workflow.transition(ticketNumber, actor, transitionForStatus(current.status, fields));
    }
    return this.present(ticket!, actor);
  }

  @Post('escalate')
  @HttpCode(200)
  @TicketAfterChange()
  async escalate(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: EscalateDto) {
    return this.apply(number, actor, { kind: 'escalate', reason: body.reason });
  }

  /** L2 or L3: the ticket is not for this tier (for Help Desk, not a defect); it goes one tier down, to whoever escalated it. */
  @Post('send-back')
  @HttpCode(200)
  @TicketAfterChange()
  async sendBack(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: SendBackDto) {
    return this.apply(number, actor, { kind: 'send_back', reason: body.reason });
  }

  @Post('resolve')
  @HttpCode(200)
  @TicketAfterChange()
  async resolve(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: ResolveDto) {
    return this.apply(number, actor, { kind: 'resolve', resolution: body.resolution });
  }

  @Post('reopen')
  @HttpCode(200)
  @TicketAfterChange()
  async reopen(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: ReopenDto) {
    return this.apply(number, actor, { kind: 'reopen', reason: body.reason ?? '' });
  }

  /** L3: the fix is ready; the ticket goes back to L2 Operations, pending release to production. */
  @Post('fix-ready')
  @HttpCode(200)
  @TicketAfterChange()
  async fixReady(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: NoteDto) {
    return this.apply(number, actor, { kind: 'mark_fix_ready', note: body.note ?? '' });
  }

  /** L2: the fix is in production; the ticket goes back to L1 Help Desk to tell the customer. */
  @Post('release')
  @HttpCode(200)
  @TicketAfterChange()
  async release(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: NoteDto) {
    return this.apply(number, actor, { kind: 'release', note: body.note ?? '' });
  }

  /** L1 agrees with the proposed severity: the ticket leaves "revisar severidad" (the decision is kept as a training example). */
  @Post('confirm-severity')
  @HttpCode(200)
  @TicketAfterChange()
  async confirmSeverity(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string) {
    return this.present(await this.workflow.confirmSeverity(number, actor), actor);
  }

  /** `{ agentId }` assigns, `{ agentId: null }` unassigns. */
  @Post('assign')
  @HttpCode(200)
  @TicketAfterChange()
  async assign(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: AssignDto) {
    return this.present(await this.workflow.assign(number, actor, body.agentId), actor);
  }

  @Post('take')
  @HttpCode(200)
  @TicketAfterChange()
  async take(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string) {
    return this.present(await this.workflow.assign(number, actor, actor.id), actor);
  }

  /** `{ note }`: what the customer reads in the next status update. */
  @Post('progress')
  @HttpCode(200)
  @TicketAfterChange()
  async progress(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: ProgressDto) {
    return this.present(await this.workflow.setProgressNote(number, actor, body.note), actor);
  }

  /** `{ note? }`: the agent called the customer back about a missed call; the flag clears (409 when none is pending). */
  @Post('called-back')
  @HttpCode(200)
  @TicketAfterChange()
  async calledBack(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: NoteDto) {
    return this.present(await this.workflow.markCalledBack(number, actor, body.note ?? ''), actor);
  }

  /** Merges this ticket into `{ into }`, another ticket of the same customer, named in full or short ("4", "IF-4"). */
  @Post('merge')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketDetailResponse })
  async merge(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: MergeDto) {
    // Malformed is the request's fault (400, as for a number in the path); well formed but absent is a 404.
    const into = ticketNumberFromQuery(body.into);
    if (!into) throw new BadRequestException('el ticket destino debe tener la forma IF-000123 (o solo 123)');
    await this.workflow.merge(number, actor, into);
    return presentTicketDetail(await this.tickets.timeline(into, actor));
  }

  private async apply(number: string, actor: Actor, transition: Transition) {
    return this.present(await this.workflow.transition(number, actor, transition), actor);
  }

  /** The whole ticket, or only its summary when the change took it out of the actor's sight (handed to another tier). */
  private async present(ticket: TicketEntity, actor: Actor): Promise<TicketDetailJson | HiddenTicketJson> {
    if (deniedReason(actor, 'view', ticket)) return { ...presentTicketSummary(ticket), visibleToYou: false };
    return presentTicketDetail(await this.tickets.timeline(ticket.number, actor));
  }
}
