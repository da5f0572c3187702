import type { TicketEntity } from '../entities/ticket.entity.js';

export const SLA_ALERT_KINDS = ['attention_at_risk', 'attention_breached', 'solution_at_risk', 'solution_breached', 'status_update'] as const;
export type SlaAlertKind = (typeof SLA_ALERT_KINDS)[number];

export interface SlaMoment {
  kind: SlaAlertKind;
  at: Date;
}

/**
 * The moments of a ticket's SLA: its two clocks at risk and breached, and the next status update.
 * The attention clock stops at the first response; nothing applies to a closed ticket.
 */
export function slaMoments(
  ticket: Pick<TicketEntity, 'status' | 'firstResponseAt' | 'attentionRiskAt' | 'attentionDueAt' | 'solutionRiskAt' | 'solutionDueAt' | 'nextUpdateDueAt'>,
): SlaMoment[] {
  if (ticket.status === 'resolved' || ticket.status === 'merged') return [];
  const moments: SlaMoment[] = [];
  if (!ticket.firstResponseAt) {
    moments.push({ kind: 'attention_at_risk', at: ticket.attentionRiskAt }, { kind: 'attention_breached', at: ticket.attentionDueAt });
  }
  moments.push({ kind: 'solution_at_risk', at: ticket.solutionRiskAt }, { kind: 'solution_breached', at: ticket.solutionDueAt });
  if (ticket.nextUpdateDueAt) moments.push({ kind: 'status_update', at: ticket.nextUpdateDueAt });
  return moments;
}
