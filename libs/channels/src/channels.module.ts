import { Module, type DynamicModule } from '@nestjs/common';
import { FaultInjector } from '@app/platform';
import { InboundAcceptor, InboundItemsRepository, IntakeCursorsRepository, IntakeService, QueueProducer, TicketChangePublisher, TicketsModule } from '@app/tickets';
import { ChannelRegistry } from './channel-registry.js';
import { ChatAdapter } from './chat/chat.adapter.js';
import { ChatModule } from './chat/chat.module.js';
import type { EmailSettings } from './email/email-config.js';
import { EmailAdapter } from './email/email.adapter.js';
import { MailboxFetcher } from './email/mailbox-fetcher.js';
import { InboundPipeline } from './inbound-pipeline.js';
import type { PhoneSettings } from './phone/phone-config.js';
import { PhoneAdapter } from './phone/phone.adapter.js';

export interface ChannelsOptions {
  email: EmailSettings;
  phone: PhoneSettings;
  faultPoints: ReadonlySet<string>;
}

/** The channel adapters and what runs them; the app passes its validated settings. */
@Module({})
export class ChannelsModule {
  static register(options: ChannelsOptions): DynamicModule {
    return {
      module: ChannelsModule,
      imports: [TicketsModule, ChatModule],
      providers: [
        { provide: EmailAdapter, useFactory: () => new EmailAdapter(options.email) },
        { provide: PhoneAdapter, useFactory: () => new PhoneAdapter(options.phone) },
        {
          provide: ChannelRegistry,
          useFactory: (email: EmailAdapter, chat: ChatAdapter, phone: PhoneAdapter) => new ChannelRegistry([email, chat, phone]),
          inject: [EmailAdapter, ChatAdapter, PhoneAdapter],
        },
        { provide: FaultInjector, useFactory: () => new FaultInjector(options.faultPoints) },
        {
          provide: InboundPipeline,
          useFactory: (...deps: ConstructorParameters<typeof InboundPipeline>) => new InboundPipeline(...deps),
          inject: [InboundItemsRepository, IntakeService, QueueProducer, ChannelRegistry, FaultInjector, TicketChangePublisher],
        },
        {
          provide: MailboxFetcher,
          // Email intake is off while IMAP_HOST is unset (INTERFACE.md).
          useFactory: (acceptor: InboundAcceptor, items: InboundItemsRepository, cursors: IntakeCursorsRepository) =>
            options.email.imap ? new MailboxFetcher(options.email.imap, options.email.maxMessageBytes, acceptor, items, cursors) : null,
          inject: [InboundAcceptor, InboundItemsRepository, IntakeCursorsRepository],
        },
      ],
      exports: [ChatModule, EmailAdapter, ChannelRegistry, FaultInjector, InboundPipeline, MailboxFetcher],
    };
  }
}
