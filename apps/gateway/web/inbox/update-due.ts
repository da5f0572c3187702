import { formatDuration, formatTime } from './format.js';
import type { TicketDetail } from './types.js';

/**
 * How long before a status update falls due the inbox says so: time enough to write a real progress
 * note, and half the shortest cadence (30 min, severity 0), so that one is not flagged all the time.
 */
export const UPDATE_WARNING_MS = 15 * 60_000;

/** "Actualización al cliente en 12 min" when the next status update falls due within the warning; else null. */
export function updateDueSoonLabel(nextUpdateDueAt: string | null, now: number): string | null {
  if (!nextUpdateDueAt) return null;
  const left = new Date(nextUpdateDueAt).getTime() - now;
  // Past due, the system is sending it already: nothing left to prepare.
  return left >= 0 && left <= UPDATE_WARNING_MS ? `Actualización al cliente en ${formatDuration(left)}` : null;
}

/**
 * What the agent should know before an update falls due when nothing new was written since the
 * last one: the customer would read the same progress again (with its date) or only that we are
 * still working. Null when the update is not due soon, or its progress is new.
 */
export function staleProgressWarning(ticket: Pick<TicketDetail, 'nextUpdateDueAt' | 'progressNote' | 'progressNoteAt' | 'events'>, now: number): string | null {
  const dueSoon = updateDueSoonLabel(ticket.nextUpdateDueAt, now);
  if (!dueSoon) return null;
  const lastUpdateAt = ticket.events
    .filter((event) => event.type === 'status_update_queued')
    .reduce<string | null>((latest, event) => (latest === null || event.createdAt > latest ? event.createdAt : latest), null);
  const written = ticket.progressNote && ticket.progressNoteAt;
  if (written && (lastUpdateAt === null || new Date(ticket.progressNoteAt!) > new Date(lastUpdateAt))) return null;
  const reads = written ? `el mismo avance del ${formatTime(ticket.progressNoteAt!)}` : 'solo que seguimos trabajando';
  return `${dueSoon} (${formatTime(ticket.nextUpdateDueAt!)}): sin un avance nuevo, el cliente leerá ${reads}. Escribe qué ha cambiado.`;
}
