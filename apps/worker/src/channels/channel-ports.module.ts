import { Module } from '@nestjs/common';
import { INBOUND_SINK, MAILBOX_CURSOR_STORE, MAINTENANCE_CALENDAR, OUTAGE_BOARD } from '@app/channels';
import { InboundAcceptor, IntakeCursorsRepository, MaintenanceService, PublicStatusService, TicketsModule } from '@app/tickets';

/** The worker's channels (the mailbox reader, the chat) hand what arrives to the tickets' store and queue. */
@Module({
  imports: [TicketsModule],
  providers: [
    { provide: INBOUND_SINK, useExisting: InboundAcceptor },
    { provide: MAILBOX_CURSOR_STORE, useExisting: IntakeCursorsRepository },
    { provide: MAINTENANCE_CALENDAR, useExisting: MaintenanceService },
    { provide: OUTAGE_BOARD, useExisting: PublicStatusService },
  ],
  exports: [INBOUND_SINK, MAILBOX_CURSOR_STORE, MAINTENANCE_CALENDAR, OUTAGE_BOARD],
})
export class ChannelPortsModule {}
