import type { TicketStatus } from '../domain.js';

export type ClockState = 'met' | 'on_track' | 'at_risk' | 'breached' | 'stopped';

export interface SlaClockInput {
  status: TicketStatus;
  attentionDueAt: Date;
  attentionRiskAt: Date;
  solutionDueAt: Date;
  solutionRiskAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
}

export interface SlaSnapshot {
  attention: ClockState;
  solution: ClockState;
  /** The worse of the two running clocks, for lists and filters. */
  overall: 'on_track' | 'at_risk' | 'breached' | 'done';
}

function clock(due: Date, riskAt: Date, doneAt: Date | null, now: Date): ClockState {
  if (doneAt) return doneAt <= due ? 'met' : 'breached';
  if (now > due) return 'breached';
  return now >= riskAt ? 'at_risk' : 'on_track';
}

/** Where a ticket stands against its attention and solution deadlines at `now` (at risk from the stored risk moments). */
export function slaSnapshot(ticket: SlaClockInput, now: Date): SlaSnapshot {
  const closed = ticket.status === 'resolved' || ticket.status === 'merged';
  const attention = clock(ticket.attentionDueAt, ticket.attentionRiskAt, ticket.firstResponseAt, now);
  const solution = ticket.status === 'merged' ? 'stopped' : clock(ticket.solutionDueAt, ticket.solutionRiskAt, ticket.resolvedAt, now);
  if (closed) return { attention, solution, overall: 'done' };
  const running = [attention, solution];
  const overall = running.includes('breached') ? 'breached' : running.includes('at_risk') ? 'at_risk' : 'on_track';
  return { attention, solution, overall };
}
