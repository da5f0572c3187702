import type { TicketStatus, Tier } from '../domain.js';
import type { Actor } from './actor.js';

export type TicketAction =
  | 'view'
  | 'note'
  | 'reply'
  | 'change_severity'
  | 'assign'
  | 'set_status'
  | 'escalate'
  | 'send_back'
  | 'mark_fix_ready'
  | 'release'
  | 'resolve'
  | 'reopen'
  | 'merge';

export interface TicketScope {
  tier: Tier;
  status: TicketStatus;
}

/**
 * Which tickets each tier sees. L1 Help Desk is the formal contact for every ticket, so it sees all;
 * L2 Operations sees what was escalated to it and beyond; L3 Development sees its own queue.
 */
export function tiersVisibleTo(actor: Actor): Tier[] {
  if (actor.role === 'admin' || actor.tier === 'L1') return ['L1', 'L2', 'L3'];
  return actor.tier === 'L2' ? ['L2', 'L3'] : ['L3'];
}

/**
 * Whether an agent may do something to a ticket, from the support process: L1 classifies, solves
 * what it can, escalates, and tells the customer of progress and closure; L2 solves or escalates to
 * L3 and releases L3's fixes; L3 fixes and hands back to L2. L2 and L3 send back down a ticket that
 * is not for them. L2 and L3 may write to the customer
 * only while the ticket is with them. Returns the reason it is not allowed, or undefined.
 */
export function deniedReason(actor: Actor, action: TicketAction, ticket: TicketScope): string | undefined {
  if (!tiersVisibleTo(actor).includes(ticket.tier)) return `Los tickets de ${ticket.tier} no son visibles para ${actor.tier}.`;
  if (actor.role === 'admin') return undefined;
  const ownsTicket = actor.tier === ticket.tier;
  switch (action) {
    case 'view':
    case 'note':
    case 'assign':
      return undefined;
    case 'reply':
      return actor.tier === 'L1' || ownsTicket ? undefined : `${actor.tier} escribe al cliente solo mientras el ticket está en ${actor.tier}.`;
    case 'change_severity':
      return actor.tier === 'L3' ? 'La severidad la fijan L1 (Help Desk) o L2 (Operaciones).' : undefined;
    case 'set_status':
      return ownsTicket || actor.tier === 'L1' ? undefined : `El ticket está en ${ticket.tier}.`;
    case 'escalate':
      return ownsTicket ? undefined : `Solo ${ticket.tier} escala un ticket que está en ${ticket.tier}.`;
    case 'send_back':
      return ownsTicket ? undefined : `Solo ${ticket.tier} devuelve un ticket que está en ${ticket.tier}.`;
    case 'mark_fix_ready':
      return actor.tier === 'L3' ? undefined : 'Solo L3 (Desarrollo) entrega una corrección para liberarla.';
    case 'release':
      return actor.tier === 'L2' ? undefined : 'Solo L2 (Operaciones) libera una corrección a producción.';
    case 'resolve':
      return actor.tier !== 'L3' && ownsTicket ? undefined : `Solo ${ticket.tier === 'L3' ? 'L1 o L2' : ticket.tier} resuelve este ticket ahora.`;
    case 'reopen':
    case 'merge':
      return actor.tier === 'L1' ? undefined : 'Solo L1 (Help Desk) puede hacer esto.';
  }
}
