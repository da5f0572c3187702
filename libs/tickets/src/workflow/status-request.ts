import type { TicketStatus } from '../domain.js';
import { InvalidInputError } from '../errors.js';
import type { Transition } from './ticket-transitions.js';

/** A status asked for by name (INTERFACE.md's `PATCH /api/tickets/:number { status }`) with its texts. */
export interface StatusRequest {
  status?: 'open' | 'waiting_customer' | 'pending_release' | 'resolved';
  resolution?: string | null;
  reason?: string | null;
  note?: string | null;
}

/**
 * The transition a requested status means from the ticket's current one: "open" reopens a resolved
 * ticket and releases one pending release; "pending_release" is L3's fix ready; "resolved" needs a
 * resolution. Whether the transition may happen is `applyTransition`'s decision.
 */
export function transitionForStatus(current: TicketStatus, request: StatusRequest): Transition {
  const note = request.note ?? request.reason ?? '';
  switch (request.status) {
    case 'resolved':
      if (!request.resolution?.trim()) throw new InvalidInputError('Escribe la solución (resolution): es lo que recibe el cliente.');
      return { kind: 'resolve', resolution: request.resolution };
    case 'pending_release':
      return { kind: 'mark_fix_ready', note };
    case 'open':
      if (current === 'resolved') return { kind: 'reopen', reason: note };
      if (current === 'pending_release') return { kind: 'release', note };
      return { kind: 'set_status', status: 'open' };
    case 'waiting_customer':
      return { kind: 'set_status', status: 'waiting_customer' };
    case undefined:
      throw new InvalidInputError('El estado (status) debe ser open, waiting_customer, pending_release o resolved.');
  }
}
