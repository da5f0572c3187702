import type { Actor } from '../workflow/actor.js';

export type IncidentAction = 'view' | 'manage' | 'speak' | 'count_downtime';

/**
 * Who handles an outage, from the support process: L1 Help Desk is the customers' formal contact for
 * progress and closure and L2 Operations handles complex incidents, so both confirm, link, post
 * updates and resolve; L3 Development follows them; only an administrator says an incident was
 * downtime for the availability report. Per-ticket tier rules do not apply to what is linked (the
 * incident is the unit), but an agent links by hand only tickets their tier sees (IncidentsService).
 */
export function incidentDeniedReason(actor: Actor, action: IncidentAction): string | undefined {
  if (actor.role === 'admin' || action === 'view') return undefined;
  if (action === 'count_downtime') return 'Solo un administrador decide qué cuenta como tiempo fuera de servicio.';
  return actor.tier === 'L3' ? 'Los incidentes los atienden L1 (Help Desk) y L2 (Operaciones); L3 los sigue.' : undefined;
}
