import type { Tier } from '../domain.js';
import type { DeliveryToSend } from '../outbound/outbound-deliveries.repository.js';

/** The ticket an intake wrote to (for live updates). */
interface TouchedTicket {
  ticketId: string;
  ticketNumber: string;
  tier: Tier;
}

/** Of its `deliveryIds`, those the intake wrote begun, for this process to send (`SendsBegunHere`). */
interface BegunDeliveries {
  begun?: DeliveryToSend[];
}

export type IntakeOutcome = BegunDeliveries &
  (
    | ({ kind: 'ticket_created'; deliveryIds: string[] } & TouchedTicket)
    | ({ kind: 'message_added'; reopened: boolean; deliveryIds: string[] } & TouchedTicket)
    | ({ kind: 'bounce_attached'; deliveryIds: string[] } & TouchedTicket)
    | ({ kind: 'call_updated'; deliveryIds: string[] } & TouchedTicket)
    | { kind: 'skipped'; reason: string; ticketId?: string; deliveryIds: string[] }
    | { kind: 'already_processed'; deliveryIds: string[] }
  );
