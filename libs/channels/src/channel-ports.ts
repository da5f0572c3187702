import type { ModuleMetadata } from '@nestjs/common';

/**
 * The module an app hands to the channel modules: it exports the ports the channels own
 * (`INBOUND_SINK`, `MAILBOX_CURSOR_STORE`, `MAINTENANCE_CALENDAR`, `CALLER_TICKET_FINDER`,
 * `CALL_TICKET_FINDER`, as far as the app runs the channels that use them), wired to its stores.
 */
export type ChannelPorts = NonNullable<ModuleMetadata['imports']>[number];
