import type { TicketStatus } from '../domain.js';

export type ClockState = 'met' | 'on_track' | 'at_risk' | 'breached' | 'stopped';

export interface SlaClockInput {
  status: TicketStatus;
  createdAt: Date;
  attentionDueAt: Date;
  solutionDueAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
}

export interface SlaSnapshot {
  attention: ClockState;
  solution: ClockState;
  /** The worse of the two running clocks, for lists and filters. */
  overall: 'on_track' | 'at_risk' | 'breached' | 'done';
}

/** Share of a clock's time used from which a ticket counts as at risk. */
export const AT_RISK_SHARE = 0.75;

function clock(start: Date, due: Date, doneAt: Date | null, now: Date): ClockState {
  if (doneAt) return doneAt <= due ? 'met' : 'breached';
  if (now > due) return 'breached';
  const used = (now.getTime() - start.getTime()) / Math.max(1, due.getTime() - start.getTime());
  return used >= AT_RISK_SHARE ? 'at_risk' : 'on_track';
}

/** Where a ticket stands against its attention and solution deadlines at `now`. */
export function slaSnapshot(ticket: SlaClockInput, now: Date): SlaSnapshot {
  const closed = ticket.status === 'resolved' || ticket.status === 'merged';
  const attention = clock(ticket.createdAt, ticket.attentionDueAt, ticket.firstResponseAt, now);
  const solution = ticket.status === 'merged' ? 'stopped' : clock(ticket.createdAt, ticket.solutionDueAt, ticket.resolvedAt, now);
  if (closed) return { attention, solution, overall: 'done' };
  const running = [attention, solution];
  const overall = running.includes('breached') ? 'breached' : running.includes('at_risk') ? 'at_risk' : 'on_track';
  return { attention, solution, overall };
}
