import type { TicketStatus, Tier } from '../domain.js';
import type { Severity } from '../severity/severity.js';
import { ticketStatusEs } from '../status-words-es.js';

/** The part of a ticket the transitions read and change. */
export interface TicketState {
  status: TicketStatus;
  tier: Tier;
  severity: Severity;
  assigneeId: string | null;
}

export type Transition =
  | { kind: 'escalate'; reason: string }
  | { kind: 'send_back'; reason: string }
  | { kind: 'mark_fix_ready'; note: string }
  | { kind: 'release'; note: string }
  | { kind: 'resolve'; resolution: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'set_status'; status: 'open' | 'waiting_customer' }
  | { kind: 'change_severity'; severity: Severity; reason: string };

export type TransitionResult =
  | { ok: true; patch: Partial<TicketState> & { resolvedAt?: Date | null }; event: { type: string; data: Record<string, unknown> } }
  | { ok: false; reason: string };

const NEXT_TIER: Partial<Record<Tier, Tier>> = { L1: 'L2', L2: 'L3' };
const PREVIOUS_TIER: Partial<Record<Tier, Tier>> = { L2: 'L1', L3: 'L2' };
const CLOSED: readonly TicketStatus[] = ['resolved', 'merged'];

/**
 * The ticket life cycle of the support process, as a pure function: what a transition changes and
 * the event that records it, or why it cannot happen from the current state.
 */
export function applyTransition(state: TicketState, transition: Transition, now: Date): TransitionResult {
  const closed = CLOSED.includes(state.status);
  switch (transition.kind) {
    case 'escalate': {
      const next = NEXT_TIER[state.tier];
      if (!next) return { ok: false, reason: 'L3 (Desarrollo) es el último nivel: no se escala más.' };
      if (closed || state.status === 'pending_release') return { ok: false, reason: `Un ticket ${ticketStatusEs(state.status)} no se escala.` };
      if (!transition.reason.trim()) return { ok: false, reason: 'Escribe el motivo de la escalación.' };
      return {
        ok: true,
        // The new tier picks it up from its own queue, so nobody is assigned yet.
        patch: { tier: next, status: 'open', assigneeId: null },
        event: { type: 'escalated', data: { from: state.tier, to: next, reason: transition.reason.trim() } },
      };
    }
    case 'send_back': {
      // Not for the tier: L2 finds it is for Help Desk, L3 that it is not a defect. The process only
      // goes up, so this is what keeps a misrouted ticket from waiting in the wrong queue.
      const previous = PREVIOUS_TIER[state.tier];
      if (!previous) return { ok: false, reason: 'L1 (Help Desk) es el primer nivel: no hay a quién devolverlo.' };
      if (closed || state.status === 'pending_release') return { ok: false, reason: `Un ticket ${ticketStatusEs(state.status)} no se devuelve.` };
      if (!transition.reason.trim()) return { ok: false, reason: 'Escribe por qué lo devuelves: lo lee quien lo recibe.' };
      return {
        ok: true,
        patch: { tier: previous, assigneeId: null },
        event: { type: 'sent_back', data: { from: state.tier, to: previous, reason: transition.reason.trim() } },
      };
    }
    case 'mark_fix_ready':
      if (state.tier !== 'L3' || closed) return { ok: false, reason: 'Solo un ticket abierto en L3 puede tener una corrección lista.' };
      return {
        ok: true,
        patch: { status: 'pending_release', tier: 'L2', assigneeId: null },
        event: { type: 'fix_ready', data: { note: transition.note.trim() } },
      };
    case 'release':
      if (state.status !== 'pending_release') return { ok: false, reason: 'Solo se libera un ticket pendiente de liberación.' };
      return {
        ok: true,
        // Operations tells Help Desk, the formal contact, who confirms the solution to the customer.
        patch: { status: 'open', tier: 'L1', assigneeId: null },
        event: { type: 'released', data: { note: transition.note.trim() } },
      };
    case 'resolve':
      if (closed) return { ok: false, reason: `El ticket ya está ${ticketStatusEs(state.status)}.` };
      if (state.status === 'pending_release') return { ok: false, reason: 'Primero hay que liberar la corrección; después se resuelve el ticket.' };
      if (!transition.resolution.trim()) return { ok: false, reason: 'Escribe la solución: es lo que recibe el cliente.' };
      return {
        ok: true,
        patch: { status: 'resolved', resolvedAt: now },
        event: { type: 'resolved', data: { resolution: transition.resolution.trim() } },
      };
    case 'reopen':
      if (state.status !== 'resolved') return { ok: false, reason: 'Solo se reabre un ticket resuelto.' };
      return { ok: true, patch: { status: 'open', resolvedAt: null }, event: { type: 'reopened', data: { reason: transition.reason.trim() } } };
    case 'set_status':
      if (closed || state.status === 'pending_release') return { ok: false, reason: `Un ticket ${ticketStatusEs(state.status)} conserva su estado.` };
      if (state.status === transition.status) return { ok: false, reason: `El ticket ya está ${ticketStatusEs(state.status)}.` };
      return { ok: true, patch: { status: transition.status }, event: { type: 'status_changed', data: { from: state.status, to: transition.status } } };
    case 'change_severity':
      if (closed) return { ok: false, reason: `Un ticket ${ticketStatusEs(state.status)} conserva su severidad.` };
      if (state.severity === transition.severity) return { ok: false, reason: `La severidad ya es ${state.severity}.` };
      return {
        ok: true,
        patch: { severity: transition.severity },
        event: { type: 'severity_changed', data: { from: state.severity, to: transition.severity, reason: transition.reason.trim() } },
      };
  }
}
