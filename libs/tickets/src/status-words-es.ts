import type { TicketStatus } from './domain.js';
import type { IncidentStatus } from './incidents/incident-shapes.js';

/** Statuses as the agents' Spanish names them, for refusals such as "el ticket ya está resuelto". */
const TICKET_STATUS_ES: Record<TicketStatus, string> = {
  new: 'nuevo',
  open: 'abierto',
  waiting_customer: 'esperando al cliente',
  pending_release: 'pendiente de liberación',
  resolved: 'resuelto',
  merged: 'fusionado',
};

/** An open incident is one an agent confirmed. */
const INCIDENT_STATUS_ES: Record<IncidentStatus, string> = {
  suspected: 'sospechado',
  open: 'confirmado',
  resolved: 'resuelto',
};

export function ticketStatusEs(status: TicketStatus): string {
  return TICKET_STATUS_ES[status];
}

export function incidentStatusEs(status: IncidentStatus): string {
  return INCIDENT_STATUS_ES[status];
}
