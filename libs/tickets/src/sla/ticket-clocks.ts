import type { Severity } from '../severity/severity.js';
import { deadlineAfter, pausedBetween, type Pause } from './clock-intervals.js';
import { minutesToMs, type SlaPolicy } from './sla-policy.js';

/** What the SLA clocks of a ticket depend on. */
export interface ClockFacts {
  openedAt: Date;
  severity: Severity;
  /** Announced maintenance windows and the periods the ticket spent resolved before a reopen. */
  pauses: Pause[];
}

export interface TicketClocks {
  attentionDueAt: Date;
  attentionRiskAt: Date;
  solutionDueAt: Date;
  solutionRiskAt: Date;
  /** In Spanish, for agents: why the deadlines are what they are. */
  explanation: string;
}

/**
 * The rules (all pure, the clock injected through the facts):
 * - Both clocks start when the ticket is opened and run 24x7 (the service promises 24x7 support).
 * - Their length comes from the ticket's current severity; a severity change recomputes both from
 *   the opening, so the change can move a deadline into the past (the ticket is then breached).
 * - They do not run during announced maintenance windows, nor while the ticket was resolved (a
 *   reopened ticket continues where its clock stopped). Escalations do not touch them: the promise
 *   is to the customer, whoever works the ticket.
 */
export function computeTicketClocks(facts: ClockFacts, policy: SlaPolicy): TicketClocks {
  const attentionMs = minutesToMs(policy, policy.attentionMinutes[facts.severity]);
  const solutionMs = minutesToMs(policy, policy.solutionMinutes[facts.severity]);
  const attentionDueAt = deadlineAfter(facts.openedAt, attentionMs, facts.pauses);
  const solutionDueAt = deadlineAfter(facts.openedAt, solutionMs, facts.pauses);
  const paused = pausedBetween(facts.openedAt, solutionDueAt, facts.pauses);
  const explanation = [
    `Severidad ${facts.severity}: atención en ${formatMinutes(policy.attentionMinutes[facts.severity])}` +
      ` y solución en ${formatMinutes(policy.solutionMinutes[facts.severity])} desde la apertura`,
    paused > 0 ? `, más ${formatMinutes(Math.round(paused / policy.minuteMs))} en pausa (mantenimiento anunciado o ticket resuelto)` : '',
    '.',
  ].join('');
  return {
    attentionDueAt,
    attentionRiskAt: deadlineAfter(facts.openedAt, attentionMs * policy.atRiskShare, facts.pauses),
    solutionDueAt,
    solutionRiskAt: deadlineAfter(facts.openedAt, solutionMs * policy.atRiskShare, facts.pauses),
    explanation,
  };
}

function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * When the customer of an unresolved ticket is owed the next status update: one cadence after the
 * last time we wrote to them (an agent's reply or a previous update). Null when the severity gets
 * updates only on resolution.
 */
export function nextStatusUpdateAt(severity: Severity, lastWroteToCustomerAt: Date, policy: SlaPolicy): Date | null {
  const every = policy.updateEveryMinutes[severity];
  return every === null ? null : new Date(lastWroteToCustomerAt.getTime() + minutesToMs(policy, every));
}
