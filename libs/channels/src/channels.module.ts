import { Module, type DynamicModule } from '@nestjs/common';
import type { ChannelPorts } from './channel-ports.js';
import { ChatModule } from './chat/chat.module.js';
import { INBOUND_SINK, type InboundSink } from './contract/inbound-sink.js';
import type { EmailSettings } from './email/email-config.js';
import { EmailAdapter } from './email/email.adapter.js';
import { MAILBOX_CURSOR_STORE, type MailboxCursorStore } from './email/mailbox-cursor-store.js';
import { MailboxFetcher } from './email/mailbox-fetcher.js';
import type { PhoneSettings } from './phone/phone-config.js';
import { PhoneAdapter } from './phone/phone.adapter.js';

export interface ChannelsOptions {
  email: EmailSettings;
  phone: PhoneSettings;
  /** Exports `INBOUND_SINK`, `MAILBOX_CURSOR_STORE` and `MAINTENANCE_CALENDAR`. */
  ports: ChannelPorts;
}

/** The channel adapters and the mailbox reader, for the worker; the app passes its validated settings and its ports. */
@Module({})
export class ChannelsModule {
  static register(options: ChannelsOptions): DynamicModule {
    const chat = ChatModule.register({ ports: options.ports });
    return {
      module: ChannelsModule,
      imports: [options.ports, chat],
      providers: [
        { provide: EmailAdapter, useFactory: () => new EmailAdapter(options.email) },
        { provide: PhoneAdapter, useFactory: () => new PhoneAdapter(options.phone) },
        {
          provide: MailboxFetcher,
          // Email intake is off while IMAP_HOST is unset (INTERFACE.md).
          useFactory: (inbound: InboundSink, cursors: MailboxCursorStore) =>
            options.email.imap ? new MailboxFetcher(options.email.imap, options.email.maxMessageBytes, inbound, cursors) : null,
          inject: [INBOUND_SINK, MAILBOX_CURSOR_STORE],
        },
      ],
      exports: [chat, EmailAdapter, PhoneAdapter, MailboxFetcher],
    };
  }
}
