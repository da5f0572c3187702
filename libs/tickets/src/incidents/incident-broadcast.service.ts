import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ContactsRepository } from '../contacts.repository.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { ConflictError, ForbiddenActionError, InvalidInputError } from '../errors.js';
import { renderIncidentMessage } from '../notifications/incident.template.js';
import type { RenderedMessage } from '../notifications/rendered-message.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { QueueProducer } from '../queue-producer.js';
import { TicketChangePublisher, type ChangedTicket } from '../realtime/ticket-change-publisher.js';
import { SlaClocksService } from '../sla/sla-clocks.service.js';
import { SatisfactionSurveysService } from '../survey/satisfaction-surveys.service.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Actor } from '../workflow/actor.js';
import type { IncidentUpdateView } from './incident-shapes.js';
import { incidentDeniedReason } from './incident-permissions.js';
import { IncidentSeverityAligner } from './incident-severity-aligner.js';
import { PublicStatusService } from './public-status.service.js';
import { IncidentNotFoundError } from './incidents.service.js';
import { IncidentsRepository, type IncidentRecord } from './incidents.repository.js';

export const INCIDENT_UPDATE_MAX_CHARS = 5_000;
const CLOSED = ['resolved', 'merged'];

/** Linked tickets an update goes to: all but those already resolved or merged. */
export const isOpenTicket = (ticket: Pick<TicketEntity, 'status'>): boolean => !CLOSED.includes(ticket.status);

/** The text of an update or resolution, checked: who may speak for an incident, and what they may say. */
export function speakerBody(actor: Actor, rawBody: string, kind: 'update' | 'resolution'): string {
  const denied = incidentDeniedReason(actor, 'speak');
  if (denied) throw new ForbiddenActionError(denied);
  const body = rawBody.trim();
  if (!body) throw new InvalidInputError(kind === 'resolution' ? 'Escribe la solución: es lo que reciben todos los clientes vinculados.' : 'Escribe el mensaje (body).');
  if (body.length > INCIDENT_UPDATE_MAX_CHARS) throw new InvalidInputError(`El mensaje (body) debe tener como máximo ${INCIDENT_UPDATE_MAX_CHARS} caracteres.`);
  return body;
}

/** The incident, when customers may be told about it: confirmed and not yet resolved. */
export function speakableIncident(incidentId: string, incident: IncidentRecord | null): IncidentRecord {
  if (!incident) throw new IncidentNotFoundError(incidentId);
  if (incident.status === 'resolved') throw new ConflictError('El incidente ya está resuelto: no cambia ni se envían más mensajes.', {}, 'incident_resolved');
  if (incident.dismissedAt) throw new ConflictError('El incidente fue descartado como falsa alarma: ya no cambia ni se envían mensajes por él.', {}, 'incident_dismissed');
  if (incident.status === 'suspected') throw new ConflictError('Confirma el incidente antes de escribir a los clientes.', {}, 'incident_not_confirmed');
  return incident;
}

/** What one linked ticket's customer reads, on that ticket's channel (the preview shows the same). */
export function incidentMessageFor(ticket: Pick<TicketEntity, 'channel' | 'number' | 'subject'>, incident: Pick<IncidentRecord, 'title'>, body: string, actor: Actor, kind: 'update' | 'resolution'): RenderedMessage {
  return renderIncidentMessage({ channel: ticket.channel, ticketNumber: ticket.number, ticketSubject: ticket.subject, incidentTitle: incident.title, body, agentName: actor.name, kind });
}

/**
 * One voice for one problem: an update posted on an incident goes to every linked customer on their
 * own ticket's channel (mail threaded on their ticket, chat, SMS) and counts as the status update
 * each ticket owes; the resolution does the same and resolves every linked ticket. Each recipient's
 * delivery is recorded, so the timeline says how many it reached and which failed.
 */
@Injectable()
export class IncidentBroadcastService {
  private readonly logger = new Logger(IncidentBroadcastService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsRepository,
    private readonly tickets: TicketsRepository,
    private readonly contacts: ContactsRepository,
    private readonly notifier: CustomerNotifier,
    private readonly events: TicketEventsRepository,
    private readonly clocks: SlaClocksService,
    private readonly cadence: IncidentSeverityAligner,
    private readonly producer: QueueProducer,
    private readonly changes: TicketChangePublisher,
    private readonly publicStatus: PublicStatusService,
    private readonly surveys: SatisfactionSurveysService,
  ) {}

  postUpdate(incidentId: string, actor: Actor, body: string): Promise<IncidentUpdateView> {
    return this.broadcast(incidentId, actor, body, 'update');
  }

  resolve(incidentId: string, actor: Actor, body: string): Promise<IncidentUpdateView> {
    return this.broadcast(incidentId, actor, body, 'resolution');
  }

  private async broadcast(incidentId: string, actor: Actor, rawBody: string, kind: 'update' | 'resolution'): Promise<IncidentUpdateView> {
    const body = speakerBody(actor, rawBody, kind);

    const { updateId, deliveryIds, told } = await this.dataSource.transaction(async (em) => {
      const incident = speakableIncident(incidentId, await this.incidents.find(incidentId, em, true));
      const id = await this.incidents.insertUpdate({ incidentId, kind, body, authorId: actor.id, authorName: actor.name }, em);
      const reached = await this.tellEveryone(incident, id, actor, body, kind, em);
      if (kind === 'resolution') await this.incidents.update(incidentId, { status: 'resolved', resolution: body }, em);
      else await this.cadence.restartCadence(incidentId, incident.severity, em);
      return { updateId: id, ...reached };
    });

    this.publicStatus.invalidate();
    this.changes.publishEach(told, kind === 'resolution' ? 'updated' : 'message');
    // Already in the outbox: if Redis is down now, the recovery sweep sends them later.
    await this.producer.enqueueDeliveries(deliveryIds).catch((error: Error) => this.logger.warn(`incident ${incidentId}: updates stay in the outbox for the sweep: ${error.message}`));
    const view = (await this.incidents.updates(incidentId)).find((update) => update.id === updateId);
    return view!;
  }

  private async tellEveryone(
    incident: IncidentRecord,
    updateId: string,
    actor: Actor,
    body: string,
    kind: 'update' | 'resolution',
    em: EntityManager,
  ): Promise<{ deliveryIds: string[]; told: ChangedTicket[] }> {
    const linked = await this.incidents.linkedTickets(incident.id, em);
    const tickets = await this.tickets.findRowsByIds(linked.map((ticket) => ticket.ticketId), { lock: true }, em);
    const open = tickets.filter(isOpenTicket);
    const contacts = new Map((await this.contacts.findByIds(open.map((ticket) => ticket.contactId), em)).map((contact) => [contact.id, contact]));
    const author = { type: 'agent' as const, name: actor.name, id: actor.id };
    const by = { actorType: 'agent' as const, actorId: actor.id };
    const now = new Date();
    const deliveryIds: string[] = [];
    const recipients: Array<{ ticketId: string; channel: TicketEntity['channel']; deliveryId: string | null; suppressedReason: string | null }> = [];
    for (const ticket of open) {
      const contact = contacts.get(ticket.contactId)!;
      const content = incidentMessageFor(ticket, incident, body, actor, kind);
      // One delivery per update and ticket, whatever happens to this request.
      const queued = await this.notifier.queueNotice(ticket, contact, kind === 'resolution' ? 'resolution' : 'status_update', content, author, em, `incident-${updateId}-${ticket.id}`);
      deliveryIds.push(...queued.deliveryIds);
      recipients.push({ ticketId: ticket.id, channel: ticket.channel, deliveryId: queued.deliveryId ?? null, suppressedReason: queued.suppressedReason ?? null });
      const firstResponse = ticket.firstResponseAt === null;
      const data = { incidentId: incident.id, updateId, messageId: queued.message.id, by: actor.name };
      if (kind === 'resolution') {
        await this.tickets.update(ticket.id, { status: 'resolved', resolvedAt: now, nextUpdateDueAt: null, ...(firstResponse ? { firstResponseAt: now } : {}) }, em);
        await this.events.append(ticket.id, [{ type: 'resolved', ...by, data: { resolution: body, ...data } }], em);
        // Resolved through the incident or one by one, each customer is asked how we did.
        deliveryIds.push(...(await this.surveys.queueAfterResolution(ticket, contact, actor, em)));
      } else {
        await this.tickets.update(ticket.id, { ...(firstResponse ? { firstResponseAt: now } : {}), ...(ticket.status === 'new' ? { status: 'open' as const } : {}) }, em);
        // The incident's update is the status update this ticket was owed.
        await this.clocks.restartUpdateCadence(ticket.id, now, em);
        await this.events.append(ticket.id, [{ type: 'incident_update_sent', ...by, data }], em);
      }
      if (firstResponse) await this.events.append(ticket.id, [{ type: 'first_response', ...by, data: { messageId: queued.message.id } }], em);
    }
    await this.incidents.insertRecipients(updateId, recipients, em);
    return { deliveryIds, told: open.map(({ number, tier }) => ({ number, tier })) };
  }
}
