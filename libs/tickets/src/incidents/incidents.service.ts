import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { ConflictError, ForbiddenActionError, InvalidInputError, NotFoundError } from '../errors.js';
import { TicketChangePublisher, type ChangedTicket } from '../realtime/ticket-change-publisher.js';
import { incidentStatusEs } from '../status-words-es.js';
import type { Severity } from '../severity/severity.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Actor } from '../workflow/actor.js';
import { tiersVisibleTo } from '../workflow/ticket-permissions.js';
import type { IncidentDetail, IncidentSummary } from './incident-shapes.js';
import { incidentDeniedReason, type IncidentAction } from './incident-permissions.js';
import { IncidentSeverityAligner } from './incident-severity-aligner.js';
import { PublicStatusService } from './public-status.service.js';
import { IncidentsRepository, type IncidentRecord } from './incidents.repository.js';

export const INCIDENT_TITLE_MAX_CHARS = 200;
export const INCIDENT_DISMISS_REASON_MAX_CHARS = 500;
const LIST_LIMIT = 200;

export class IncidentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`El incidente ${id} no existe.`);
  }
}

/** What agents do with incidents: see them, open one by hand, confirm or dismiss a suspected one, edit it, link and unlink tickets. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsRepository,
    private readonly tickets: TicketsRepository,
    private readonly events: TicketEventsRepository,
    private readonly severity: IncidentSeverityAligner,
    private readonly changes: TicketChangePublisher,
    private readonly publicStatus: PublicStatusService,
  ) {}

  /** Suspected, open and resolved incidents; or, when asked, only those dismissed as false alarms. */
  async list(dismissed = false): Promise<IncidentSummary[]> {
    return (await this.incidents.list(LIST_LIMIT, dismissed)).map(summary);
  }

  async get(id: string, actor: Actor): Promise<IncidentDetail> {
    const incident = await this.incidents.find(id);
    if (!incident) throw new IncidentNotFoundError(id);
    const visible = new Set<string>(tiersVisibleTo(actor));
    const linked = await this.incidents.linkedTickets(id);
    const shown = linked.filter((ticket) => visible.has(ticket.tier));
    const customersByChannel: IncidentDetail['customersByChannel'] = {};
    for (const ticket of linked) if (ticket.status !== 'resolved' && ticket.status !== 'merged') customersByChannel[ticket.channel] = (customersByChannel[ticket.channel] ?? 0) + 1;
    return {
      ...summary(incident),
      resolution: incident.resolution,
      tickets: shown.map((ticket) => ticket.number),
      linked: shown.map((ticket) => ({
        number: ticket.number,
        channel: ticket.channel,
        status: ticket.status,
        subject: ticket.subject,
        customer: ticket.customer,
        linkedAt: ticket.linkedAt,
        linkedBy: ticket.linkedBy,
        reason: ticket.reason,
        score: ticket.score,
      })),
      updates: await this.incidents.updates(id),
      customersByChannel,
    };
  }

  /** An agent opens an incident (already confirmed) and may link tickets at once. */
  async open(actor: Actor, input: { title: string; severity: Severity; tickets: string[] }): Promise<IncidentDetail> {
    this.authorize(actor, 'manage');
    const title = validTitle(input.title);
    const id = await this.dataSource.transaction(async (em) => {
      const incidentId = await this.incidents.insert({ title, severity: input.severity, status: 'open', openedBy: actor.id, detectionReason: null }, em);
      await this.severity.restartCadence(incidentId, input.severity, em);
      await this.linkNumbers(incidentId, input.tickets, actor, em, 'open');
      return incidentId;
    });
    this.publicStatus.invalidate();
    return this.get(id, actor);
  }

  /** A suspected incident becomes the one problem agents speak about: its tickets take its severity and cadence. */
  async confirm(id: string, actor: Actor): Promise<IncidentDetail> {
    this.authorize(actor, 'manage');
    const changed = await this.dataSource.transaction(async (em) => {
      const incident = await this.live(id, em);
      if (incident.status !== 'suspected') throw new ConflictError(`El incidente ya está ${incidentStatusEs(incident.status)}.`, {}, 'incident_not_suspected');
      await this.incidents.update(id, { status: 'open', confirmedBy: actor.id }, em);
      await this.severity.restartCadence(id, incident.severity, em);
      const linked = await this.incidents.linkedTickets(id, em);
      return this.severity.align(linked.map((ticket) => ticket.ticketId), incident.severity, `incidente confirmado: ${incident.title}`, actor, em);
    });
    this.publish(changed);
    return this.get(id, actor);
  }

  /**
   * A suspected incident agents find wrong (unrelated reports grouped together) leaves every live
   * view at once: the inbox's strip and list, detection and intake. Its links stay as history, so
   * detection keeps treating its tickets as grouped and does not form the same false incident from
   * them again; new reports still form a new one among themselves. Each ticket's timeline says so;
   * the customers are told nothing (a suspected incident was never public).
   */
  async dismiss(id: string, actor: Actor, reason: string | undefined): Promise<IncidentDetail> {
    this.authorize(actor, 'manage');
    const why = reason?.trim() || null;
    if (why && why.length > INCIDENT_DISMISS_REASON_MAX_CHARS) throw new InvalidInputError(`El motivo (reason) debe tener como máximo ${INCIDENT_DISMISS_REASON_MAX_CHARS} caracteres.`);
    const changed = await this.dataSource.transaction(async (em) => {
      // Detection links under this lock: none joins the incident between reading its links and dismissing it.
      await this.incidents.lockDetection(em);
      const incident = await this.live(id, em);
      if (incident.status !== 'suspected') throw new ConflictError(`Solo se descarta un incidente sospechado; este ya está ${incidentStatusEs(incident.status)}.`, {}, 'incident_not_suspected');
      await this.incidents.dismiss(id, actor.id, why, em);
      const linked = await this.incidents.linkedTickets(id, em);
      for (const ticket of linked) {
        await this.events.append(ticket.ticketId, [{ type: 'incident_dismissed', actorType: 'agent', actorId: actor.id, data: { incidentId: id, by: actor.name, ...(why ? { reason: why } : {}) } }], em);
      }
      return linked;
    });
    this.publish(changed);
    return this.get(id, actor);
  }

  /** Title (what customers read), severity, and whether it counts as downtime (administrators). */
  async edit(id: string, actor: Actor, patch: { title?: string; severity?: Severity; countsAsDowntime?: boolean }): Promise<IncidentDetail> {
    this.authorize(actor, 'manage');
    if (patch.countsAsDowntime !== undefined) this.authorize(actor, 'count_downtime');
    const changed = await this.dataSource.transaction(async (em) => {
      const incident = await this.live(id, em);
      if (incident.status === 'resolved' && (patch.title !== undefined || patch.severity !== undefined)) {
        throw new ConflictError('Un incidente resuelto conserva su título y su severidad.', {}, 'incident_resolved');
      }
      await this.incidents.update(id, { ...(patch.title !== undefined ? { title: validTitle(patch.title) } : {}), severity: patch.severity, countsAsDowntime: patch.countsAsDowntime }, em);
      if (patch.severity === undefined || patch.severity === incident.severity || incident.status !== 'open') return [];
      await this.severity.restartCadence(id, patch.severity, em);
      const linked = await this.incidents.linkedTickets(id, em);
      return this.severity.align(linked.map((ticket) => ticket.ticketId), patch.severity, `severidad del incidente: ${incident.title}`, actor, em);
    });
    this.publish(changed);
    return this.get(id, actor);
  }

  /**
   * Links and unlinks tickets by number; a ticket already in another incident is refused by name,
   * and so is one the agent's tier may not see (linking is how an incident's messages reach it).
   */
  async changeLinks(id: string, actor: Actor, change: { add: string[]; remove: string[] }): Promise<IncidentDetail> {
    this.authorize(actor, 'manage');
    const changed = await this.dataSource.transaction(async (em) => {
      const incident = await this.live(id, em);
      if (incident.status === 'resolved') throw new ConflictError('Un incidente resuelto conserva sus tickets.', {}, 'incident_resolved');
      const removed = await this.unlinkNumbers(id, change.remove, actor, em);
      const added = await this.linkNumbers(id, change.add, actor, em, incident.status);
      return [...removed, ...added];
    });
    this.publish(changed);
    return this.get(id, actor);
  }

  private async linkNumbers(incidentId: string, numbers: string[], actor: Actor, em: EntityManager, status: IncidentRecord['status']): Promise<ChangedTicket[]> {
    if (numbers.length === 0) return [];
    const tickets = await this.ticketsByNumber(numbers, actor, em);
    const reason = `vinculado por ${actor.name}`;
    const linked = new Set(await this.incidents.link(incidentId, tickets.map((ticket) => ({ ticketId: ticket.id, reason, score: null, linkedBy: actor.id })), em));
    const elsewhere = tickets.filter((ticket) => !linked.has(ticket.id));
    if (elsewhere.length > 0) {
      const inThis = await this.incidents.linkedTickets(incidentId, em);
      const already = new Set(inThis.map((ticket) => ticket.ticketId));
      const others = elsewhere.filter((ticket) => !already.has(ticket.id));
      if (others.length > 0) throw new ConflictError(`Ya están en otro incidente: ${others.map((ticket) => ticket.number).join(', ')}. Desvincúlalos de ese incidente primero.`, {}, 'ticket_in_other_incident');
    }
    for (const ticket of tickets.filter((ticket) => linked.has(ticket.id))) {
      await this.events.append(ticket.id, [{ type: 'incident_linked', actorType: 'agent', actorId: actor.id, data: { incidentId, by: actor.name, reason } }], em);
    }
    if (status === 'open') {
      const incident = await this.locked(incidentId, em);
      await this.severity.align([...linked], incident.severity, `incidente: ${incident.title}`, actor, em);
    }
    return tickets;
  }

  private async unlinkNumbers(incidentId: string, numbers: string[], actor: Actor, em: EntityManager): Promise<ChangedTicket[]> {
    if (numbers.length === 0) return [];
    const tickets = await this.ticketsByNumber(numbers, actor, em);
    const removed = new Set(await this.incidents.unlink(incidentId, tickets.map((ticket) => ticket.id), em));
    for (const ticket of tickets.filter((ticket) => removed.has(ticket.id))) {
      await this.events.append(ticket.id, [{ type: 'incident_unlinked', actorType: 'agent', actorId: actor.id, data: { incidentId, by: actor.name } }], em);
    }
    return tickets.filter((ticket) => removed.has(ticket.id));
  }

  /** The tickets by number, each one the agent's tier may see. */
  private async ticketsByNumber(numbers: string[], actor: Actor, em: EntityManager): Promise<TicketEntity[]> {
    const unique = [...new Set(numbers)];
    const tickets = await this.tickets.findRowsByNumbers(unique, em);
    const missing = unique.filter((number) => !tickets.some((ticket) => ticket.number === number));
    if (missing.length > 0) throw new InvalidInputError(`No existen estos tickets: ${missing.join(', ')}.`);
    const visible = new Set<string>(tiersVisibleTo(actor));
    const hidden = tickets.filter((ticket) => !visible.has(ticket.tier));
    if (hidden.length > 0) {
      throw new ForbiddenActionError(`Estos tickets no son visibles para ${actor.tier}: ${hidden.map((ticket) => ticket.number).join(', ')}.`);
    }
    const merged = tickets.filter((ticket) => ticket.status === 'merged');
    if (merged.length > 0) throw new ConflictError(`Estos tickets están fusionados: ${merged.map((ticket) => ticket.number).join(', ')}. Vincula el ticket en el que quedaron.`);
    return tickets;
  }

  private async locked(id: string, em: EntityManager): Promise<IncidentRecord> {
    const incident = await this.incidents.find(id, em, true);
    if (!incident) throw new IncidentNotFoundError(id);
    return incident;
  }

  /** The incident, locked, unless it was dismissed: a dismissed one is history and changes no more. */
  private async live(id: string, em: EntityManager): Promise<IncidentRecord> {
    const incident = await this.locked(id, em);
    if (incident.dismissedAt) throw new ConflictError('El incidente fue descartado como falsa alarma: ya no cambia ni se envían mensajes por él.', {}, 'incident_dismissed');
    return incident;
  }

  private authorize(actor: Actor, action: IncidentAction): void {
    const denied = incidentDeniedReason(actor, action);
    if (denied) throw new ForbiddenActionError(denied);
  }

  private publish(changed: ChangedTicket[]): void {
    // This gateway's /status shows the change at once; others within their cache's 5 s.
    this.publicStatus.invalidate();
    this.changes.publishEach(changed, 'updated');
  }
}

function summary(incident: IncidentRecord): IncidentSummary {
  const fields: IncidentSummary & { resolution?: string | null } = { ...incident };
  delete fields.resolution;
  return fields;
}

function validTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new InvalidInputError('Escribe el título del incidente.');
  if (trimmed.length > INCIDENT_TITLE_MAX_CHARS) throw new InvalidInputError(`El título debe tener como máximo ${INCIDENT_TITLE_MAX_CHARS} caracteres.`);
  return trimmed;
}
