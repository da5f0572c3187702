import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PhoneGatewayModule } from '@app/channels';
import { CoreInfrastructureModule, TicketsModule } from '@app/tickets';
import { AgentsController } from './agents/agents.controller.js';
import { AuthModule } from './auth/auth.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway-config.js';
import { HealthController } from './health/health.controller.js';
import { DomainErrorFilter } from './http/domain-error.filter.js';
import { AgentsGateway } from './inbox/agents.gateway.js';
import { ContactsController } from './tickets/contacts.controller.js';
import { InboundItemsController } from './tickets/inbound-items.controller.js';
import { RepliesController } from './tickets/replies.controller.js';
import { TicketWorkflowController } from './tickets/ticket-workflow.controller.js';
import { TicketsController } from './tickets/tickets.controller.js';
import { TwilioWebhooksController } from './webhooks/twilio-webhooks.controller.js';
import { WebAssets } from './web/web-assets.js';
import { WebPagesController } from './web/web-pages.controller.js';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [CoreInfrastructureModule.register(config.core, 'ventanilla-gateway'), TicketsModule, AuthModule.register(config), PhoneGatewayModule.register(config.phone)],
      controllers: [
        HealthController,
        TicketsController,
        TicketWorkflowController,
        RepliesController,
        ContactsController,
        AgentsController,
        InboundItemsController,
        TwilioWebhooksController,
        WebPagesController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        AgentsGateway,
        WebAssets,
      ],
    };
  }
}
