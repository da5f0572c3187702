import { Module } from '@nestjs/common';
import { CALL_TICKET_FINDER, CALLER_TICKET_FINDER, INBOUND_SINK, MAINTENANCE_CALENDAR, OUTAGE_BOARD } from '@app/channels';
import { CallerTickets, InboundAcceptor, MaintenanceService, PublicStatusService, PhoneCallsRepository, TicketsModule } from '@app/tickets';

/** The gateway's channels (chat, phone webhooks) hand what arrives to the tickets' store and queue, and read tickets back. */
@Module({
  imports: [TicketsModule],
  providers: [
    { provide: INBOUND_SINK, useExisting: InboundAcceptor },
    { provide: MAINTENANCE_CALENDAR, useExisting: MaintenanceService },
    { provide: OUTAGE_BOARD, useExisting: PublicStatusService },
    { provide: CALLER_TICKET_FINDER, useExisting: CallerTickets },
    { provide: CALL_TICKET_FINDER, useExisting: PhoneCallsRepository },
  ],
  exports: [INBOUND_SINK, MAINTENANCE_CALENDAR, OUTAGE_BOARD, CALLER_TICKET_FINDER, CALL_TICKET_FINDER],
})
export class ChannelPortsModule {}
