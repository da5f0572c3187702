import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgentsRepository } from '../agents/agents.repository.js';
import { PhoneCallsRepository } from '../calls/phone-calls.repository.js';
import { ContactsRepository } from '../contacts.repository.js';
import type { Tier } from '../domain.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { ConflictError, ForbiddenActionError, InvalidInputError, TicketNotFoundError } from '../errors.js';
import { MessagesRepository } from '../messages.repository.js';
import { renderResolution, renderSeverityChange } from '../notifications/ticket-notices.template.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { OutboundDeliveriesRepository } from '../outbound/outbound-deliveries.repository.js';
import { assertFitsSms } from '../outbound/sms-fit.js';
import { QueueProducer } from '../queue-producer.js';
import { TicketChangePublisher } from '../realtime/ticket-change-publisher.js';
import { SeverityExamplesRepository } from '../severity/severity-examples.repository.js';
import { SlaClocksService } from '../sla/sla-clocks.service.js';
import { SatisfactionSurveysService } from '../survey/satisfaction-surveys.service.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Actor } from './actor.js';
import { deniedReason, type TicketAction } from './ticket-permissions.js';
import { applyTransition, type Transition } from './ticket-transitions.js';

/**
 * Agents moving tickets through the support process. Each change locks the ticket, checks the
 * agent's tier against the rules, applies the transition, records who/when/why as an event and
 * queues what the customer must be told, in one transaction.
 */
@Injectable()
export class TicketWorkflowService {
  private readonly logger = new Logger(TicketWorkflowService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly contacts: ContactsRepository,
    private readonly agents: AgentsRepository,
    private readonly messages: MessagesRepository,
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly events: TicketEventsRepository,
    private readonly notifier: CustomerNotifier,
    private readonly producer: QueueProducer,
    private readonly changes: TicketChangePublisher,
    private readonly clocks: SlaClocksService,
    private readonly calls: PhoneCallsRepository,
    private readonly severityExamples: SeverityExamplesRepository,
    private readonly surveys: SatisfactionSurveysService,
  ) {}

  /** Throws unless the agent may do `action` on the ticket (403), or the ticket does not exist (404). */
  async authorize(number: string, actor: Actor, action: TicketAction): Promise<TicketEntity> {
    return this.authorized(number, actor, action, false);
  }

  /** Applies a transition; returns the ticket as it is now (the actor may no longer see it, e.g. after handing it on). */
  async transition(number: string, actor: Actor, transition: Transition): Promise<TicketEntity> {
    return this.change(number, actor, transition.kind, async (ticket, em) => {
      const result = applyTransition(ticket, transition, new Date());
      if (!result.ok) throw new ConflictError(result.reason);
      const severityPatch =
        transition.kind === 'change_severity'
          ? { severitySource: 'agent' as const, severityReasons: [`fijada por ${actor.name}${transition.reason.trim() ? `: ${transition.reason.trim()}` : ''}`], severityReview: false }
          : {};
      await this.tickets.update(ticket.id, { ...result.patch, ...severityPatch }, em);
      // L1 classifies severity: each decision is an example for the next training of the model.
      if (transition.kind === 'change_severity') await this.severityExamples.record(ticket.id, transition.severity, actor, em);
      await this.events.append(ticket.id, [{ type: result.event.type, actorType: 'agent', actorId: actor.id, data: { ...result.event.data, by: actor.name } }], em);
      if (transition.kind === 'mark_fix_ready' || transition.kind === 'release' || transition.kind === 'send_back') await this.handBack(ticket.id, result.patch.tier!, actor, em);
      await this.updateClocks(ticket.id, transition, em);
      return this.tellCustomer(ticket, transition, actor, em);
    });
  }

  /** L1 agrees with the severity the classifier proposed: the ticket leaves the review list, and the decision is an example. */
  async confirmSeverity(number: string, actor: Actor): Promise<TicketEntity> {
    return this.change(number, actor, 'change_severity', async (ticket, em) => {
      if (ticket.status === 'merged') throw new ConflictError('Un ticket fusionado conserva su severidad.');
      await this.tickets.update(ticket.id, { severityReview: false }, em);
      await this.events.append(ticket.id, [{ type: 'severity_confirmed', actorType: 'agent', actorId: actor.id, data: { severity: ticket.severity, by: actor.name } }], em);
      await this.severityExamples.record(ticket.id, ticket.severity, actor, em);
      return [];
    });
  }

  /** Assigns the ticket to an agent of its tier (or to nobody); taking it is assigning it to oneself. */
  async assign(number: string, actor: Actor, assigneeId: string | null): Promise<TicketEntity> {
    return this.change(number, actor, 'assign', async (ticket, em) => {
      if (ticket.status === 'merged') throw new ConflictError('Un ticket fusionado no se puede asignar.');
      const assignee = assigneeId ? await this.agents.findActive(assigneeId, em) : null;
      if (assigneeId && !assignee) throw new InvalidInputError(`El agente ${assigneeId} no existe o está inactivo.`);
      if (assignee && assignee.role !== 'admin' && assignee.tier !== ticket.tier) {
        throw new ConflictError(`${assignee.name} es de ${assignee.tier} y el ticket está en ${ticket.tier}: solo se asigna a alguien de ${ticket.tier} o a un administrador.`);
      }
      if (assignee && assignee.id !== actor.id && actor.role !== 'admin' && actor.tier !== ticket.tier) {
        throw new ForbiddenActionError(`Solo ${ticket.tier} o un administrador asigna este ticket a otra persona.`);
      }
      await this.tickets.update(ticket.id, { assigneeId: assignee?.id ?? null }, em);
      await this.events.append(
        ticket.id,
        [{ type: assignee ? 'assigned' : 'unassigned', actorType: 'agent', actorId: actor.id, data: { assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null, by: actor.name } }],
        em,
      );
      return [];
    });
  }

  /** The progress the customer reads in the next status update (public text; not sent on its own). */
  async setProgressNote(number: string, actor: Actor, note: string): Promise<TicketEntity> {
    if (note.trim().length > 2_000) throw new InvalidInputError('Una nota de avance tiene como máximo 2000 caracteres.');
    return this.change(number, actor, 'reply', async (ticket, em) => {
      await this.tickets.update(ticket.id, { progressNote: note.trim() || null, progressNoteAt: new Date() }, em);
      await this.events.append(ticket.id, [{ type: 'progress_note_set', actorType: 'agent', actorId: actor.id, data: { note: note.trim(), by: actor.name } }], em);
      return [];
    });
  }

  /**
   * The agent called the customer back about their missed calls: the ticket stops asking for it (a
   * later missed call asks again). Calling back attends the customer, so it counts as the first response.
   */
  async markCalledBack(number: string, actor: Actor, note: string): Promise<TicketEntity> {
    if (note.trim().length > 2_000) throw new InvalidInputError('Una nota de llamada devuelta tiene como máximo 2000 caracteres.');
    return this.change(number, actor, 'reply', async (ticket, em) => {
      if (!ticket.callbackRequested) throw new ConflictError('No hay una llamada por devolver en este ticket.');
      await this.calls.markCalledBack(ticket.id, em);
      if (ticket.firstResponseAt === null) await this.tickets.update(ticket.id, { firstResponseAt: new Date() }, em);
      await this.events.append(ticket.id, [{ type: 'called_back', actorType: 'agent', actorId: actor.id, data: { note: note.trim() || null, by: actor.name } }], em);
      return [];
    });
  }

  /** Folds `number` into `intoNumber` (same customer): its messages move, it ends as merged. */
  async merge(number: string, actor: Actor, intoNumber: string): Promise<TicketEntity> {
    if (number === intoNumber) throw new InvalidInputError('Un ticket no se puede fusionar consigo mismo.');
    return this.change(number, actor, 'merge', async (source, em) => {
      const target = await this.authorized(intoNumber, actor, 'merge', true, em);
      if (source.contactId !== target.contactId) throw new ConflictError('Solo se pueden fusionar tickets del mismo cliente.', {}, 'merge_other_customer');
      if (source.status === 'merged' || target.status === 'merged') throw new ConflictError('Un ticket fusionado no se puede volver a fusionar.');
      await this.messages.moveToTicket(source.id, target.id, em);
      await this.deliveries.moveToTicket(source.id, target.id, em);
      // Calls move too, with any call back still owed.
      await this.calls.moveToTicket(source.id, target.id, em);
      await this.tickets.update(source.id, { status: 'merged', mergedIntoId: target.id, assigneeId: null }, em);
      const by = { actorType: 'agent' as const, actorId: actor.id };
      await this.events.append(source.id, [{ type: 'merged_into', ...by, data: { into: target.number, by: actor.name } }], em);
      await this.events.append(target.id, [{ type: 'merged_from', ...by, data: { from: source.number, by: actor.name } }], em);
      return [];
    });
  }

  private async change(
    number: string,
    actor: Actor,
    action: TicketAction,
    work: (ticket: TicketEntity, em: EntityManager) => Promise<string[]>,
  ): Promise<TicketEntity> {
    const { before, ticket, deliveryIds } = await this.dataSource.transaction(async (em) => {
      const locked = await this.authorized(number, actor, action, true, em);
      const owed = await work(locked, em);
      const after = await this.tickets.getWithPeople(locked.id, em);
      return { before: locked, ticket: after, deliveryIds: owed };
    });
    this.changes.publish({ number: ticket.number, tiers: [before.tier, ticket.tier], kind: 'updated' });
    await this.producer.enqueueDeliveries(deliveryIds).catch((error: Error) => {
      this.logger.warn(`notices of ${number} stay in the outbox for the sweep: ${error.message}`);
    });
    return ticket;
  }

  private async authorized(number: string, actor: Actor, action: TicketAction, lock: boolean, em?: EntityManager): Promise<TicketEntity> {
    const ticket = await this.tickets.findRowByNumber(number, { lock }, em);
    if (!ticket) throw new TicketNotFoundError(number);
    const denied = deniedReason(actor, action, ticket);
    if (denied) throw new ForbiddenActionError(denied);
    return ticket;
  }

  /**
   * A ticket coming back down the tiers goes to the agent who sent it up from there, while still
   * active at that tier: L3's fix to the L2 agent who escalated it, Operations' release to the L1
   * agent who escalated it (the support process: Operations tells L1, L1 tells the customer), and a
   * ticket sent back as not for the tier to whoever escalated it. With nobody to hand it to (an
   * automatic escalation, an agent gone) it stays unassigned, in the tier's queue.
   */
  private async handBack(ticketId: string, tier: Tier, actor: Actor, em: EntityManager): Promise<void> {
    const agentId = await this.events.lastEscalatedFrom(ticketId, tier, em);
    const agent = agentId ? await this.agents.findActive(agentId, em) : null;
    if (!agent || (agent.role !== 'admin' && agent.tier !== tier)) return;
    await this.tickets.update(ticketId, { assigneeId: agent.id }, em);
    await this.events.append(
      ticketId,
      [{ type: 'assigned', actorType: 'agent', actorId: actor.id, data: { assigneeId: agent.id, assigneeName: agent.name, by: actor.name, handedBack: true } }],
      em,
    );
  }

  /** Deadlines follow the severity and stop while resolved; status updates stop at resolution. */
  private async updateClocks(ticketId: string, transition: Transition, em: EntityManager): Promise<void> {
    if (transition.kind === 'change_severity') {
      await this.clocks.recompute(ticketId, `severidad cambiada a ${transition.severity}`, em);
      await this.clocks.restartUpdateCadence(ticketId, new Date(), em);
    } else if (transition.kind === 'reopen') {
      await this.clocks.recompute(ticketId, 'ticket reabierto', em);
      await this.clocks.restartUpdateCadence(ticketId, new Date(), em);
    } else if (transition.kind === 'resolve') {
      await this.tickets.update(ticketId, { nextUpdateDueAt: null }, em);
    }
  }

  /** The customer hears of a new severity and of the solution; tier moves are internal. */
  private async tellCustomer(ticket: TicketEntity, transition: Transition, actor: Actor, em: EntityManager): Promise<string[]> {
    const author = { type: 'agent' as const, name: actor.name, id: actor.id };
    const contact = await this.contacts.getById(ticket.contactId, em);
    let queued;
    if (transition.kind === 'change_severity') {
      const content = renderSeverityChange({ ticketNumber: ticket.number, from: ticket.severity, to: transition.severity, reason: transition.reason, channel: ticket.channel });
      queued = await this.notifier.queueNotice(ticket, contact, 'severity_change', content, author, em);
    } else if (transition.kind === 'resolve') {
      const content = renderResolution({ ticketNumber: ticket.number, resolution: transition.resolution, agentName: actor.name, channel: ticket.channel });
      assertFitsSms(ticket.channel, content, 'la solución (resolution)');
      queued = await this.notifier.queueNotice(ticket, contact, 'resolution', content, author, em);
      // The solution is an answer: resolved without a reply before, it is the first response
      // (else the attention clock, never stopped, showed a ticket solved in minutes as attended late).
      if (ticket.firstResponseAt === null) {
        await this.tickets.update(ticket.id, { firstResponseAt: new Date() }, em);
        await this.events.append(ticket.id, [{ type: 'first_response', actorType: 'agent', actorId: actor.id, data: { messageId: queued.message.id } }], em);
      }
      // After the solution, on the same channels: how did we do?
      return [...queued.deliveryIds, ...(await this.surveys.queueAfterResolution(ticket, contact, actor, em))];
    }
    return queued?.deliveryIds ?? [];
  }
}
