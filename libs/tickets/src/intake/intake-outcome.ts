import type { Tier } from '../domain.js';

/** The ticket an intake wrote to (for live updates). */
interface TouchedTicket {
  ticketId: string;
  ticketNumber: string;
  tier: Tier;
}

export type IntakeOutcome =
  | ({ kind: 'ticket_created'; deliveryIds: string[] } & TouchedTicket)
  | ({ kind: 'message_added'; reopened: boolean; deliveryIds: string[] } & TouchedTicket)
  | ({ kind: 'bounce_attached'; deliveryIds: string[] } & TouchedTicket)
  | ({ kind: 'call_updated'; deliveryIds: string[] } & TouchedTicket)
  | { kind: 'skipped'; reason: string; ticketId?: string; deliveryIds: string[] }
  | { kind: 'already_processed'; deliveryIds: string[] };
