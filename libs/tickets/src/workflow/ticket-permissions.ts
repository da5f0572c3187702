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
 * L3 and releases L3's fixes; L3 fixes and hands back to L2. L2 and L3 may write to the customer
 * only while the ticket is with them. Returns the reason it is not allowed, or undefined.
 */
export function deniedReason(actor: Actor, action: TicketAction, ticket: TicketScope): string | undefined {
  if (!tiersVisibleTo(actor).includes(ticket.tier)) return `tickets at ${ticket.tier} are not visible to ${actor.tier}`;
  if (actor.role === 'admin') return undefined;
  const ownsTicket = actor.tier === ticket.tier;
  switch (action) {
    case 'view':
    case 'note':
    case 'assign':
      return undefined;
    case 'reply':
      return actor.tier === 'L1' || ownsTicket ? undefined : `${actor.tier} may write to the customer only while the ticket is at ${actor.tier}`;
    case 'change_severity':
      return actor.tier === 'L3' ? 'severity is set by L1 Help Desk or L2 Operations' : undefined;
    case 'set_status':
      return ownsTicket || actor.tier === 'L1' ? undefined : `the ticket is at ${ticket.tier}`;
    case 'escalate':
      return ownsTicket ? undefined : `only ${ticket.tier} escalates a ticket that is at ${ticket.tier}`;
    case 'mark_fix_ready':
      return actor.tier === 'L3' ? undefined : 'only L3 Development hands a fix back for release';
    case 'release':
      return actor.tier === 'L2' ? undefined : 'only L2 Operations releases a fix to production';
    case 'resolve':
      return actor.tier !== 'L3' && ownsTicket ? undefined : `only ${ticket.tier === 'L3' ? 'L1 or L2' : ticket.tier} resolves this ticket now`;
    case 'reopen':
    case 'merge':
      return actor.tier === 'L1' ? undefined : 'only L1 Help Desk does this';
  }
}
