import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CHANNEL_ENTITIES, ChatModule, ChatPersonalDataRepository, PhoneGatewayModule } from '@app/channels';
import { InfrastructureModule, MetricsServer } from '@app/platform';
import { CHANNEL_PERSONAL_DATA, ContactPrivacyService, CoreConfigModule, TICKETS_ENTITIES, TICKETS_MIGRATIONS, TicketsModule } from '@app/tickets';
import { AgentsController } from './agents/agents.controller.js';
import { AuthModule } from './auth/auth.module.js';
import { IncidentsController } from './incidents/incidents.controller.js';
import { StatusController } from './incidents/status.controller.js';
import { CannedResponsesController } from './canned/canned-responses.controller.js';
import { ChannelPortsModule } from './channels/channel-ports.module.js';
import { AgentTypingController } from './chat/agent-typing.controller.js';
import { AgentTypingService } from './chat/agent-typing.service.js';
import { SurveyController } from './survey/survey.controller.js';
import { MissedCallsController } from './calls/missed-calls.controller.js';
import { ChatFilesController } from './chat/chat-files.controller.js';
import { ChatTokenGuard } from './chat/chat-token.guard.js';
import { ChatUploadLimitGuard } from './chat/chat-upload-limit.guard.js';
import { ChatGateway } from './chat/chat.gateway.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway-config.js';
import { GatewayHeartbeat } from './health/gateway-heartbeat.js';
import { HealthController } from './health/health.controller.js';
import { MaintenanceController } from './maintenance/maintenance.controller.js';
import { ApiDocs } from './openapi/api-docs.js';
import { ApiDocsController } from './openapi/api-docs.controller.js';
import { GatewayMetricSources } from './metrics/gateway-metric-sources.js';
import { ContactPrivacyController } from './privacy/contact-privacy.controller.js';
import { QueueDashboardModule } from './queues/queue-dashboard.module.js';
import { ReportsController } from './reports/reports.controller.js';
import { DomainErrorFilter } from './http/domain-error.filter.js';
import { HttpDraining } from './http/http-draining.js';
import { dtoValidation } from './http/validation.js';
import { ConnectionPresence } from './realtime/connection-presence.js';
import { AgentsGateway } from './inbox/agents.gateway.js';
import { ContactsController } from './tickets/contacts.controller.js';
import { InboundItemsController } from './tickets/inbound-items.controller.js';
import { RepliesController } from './tickets/replies.controller.js';
import { TicketWorkflowController } from './tickets/ticket-workflow.controller.js';
import { TicketsController } from './tickets/tickets.controller.js';
import { VerificationController } from './verification/verification.controller.js';
import { TwilioWebhooksController } from './webhooks/twilio-webhooks.controller.js';
import { ChatMessageLimit } from './security/chat-message-limit.js';
import { ChatUploadLimit } from './security/chat-upload-limit.js';
import { ChatStartLimit } from './security/chat-start-limit.js';
import { WebAssets } from './web/web-assets.js';
import { WebAssetsController } from './web/web-assets.controller.js';
import { WebPagesController } from './web/web-pages.controller.js';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    // One instance, shared with the queue dashboard (whose gate checks the same tokens).
    const auth = AuthModule.register(config);
    return {
      module: GatewayModule,
      imports: [
        InfrastructureModule.register({
          processName: 'ventanilla-gateway',
          databaseUrl: config.core.databaseUrl,
          preparedStatements: config.core.preparedStatements,
          redisUrl: config.core.redisUrl,
          keyPrefix: config.core.queuePrefix,
          schema: { entities: [...TICKETS_ENTITIES, ...CHANNEL_ENTITIES], migrations: TICKETS_MIGRATIONS },
        }),
        CoreConfigModule.register(config.core),
        TicketsModule,
        ChatModule.register({ ports: ChannelPortsModule }),
        auth,
        QueueDashboardModule.register(auth),
        PhoneGatewayModule.register({ settings: config.phone, ports: ChannelPortsModule }),
      ],
      // Express tries routes in the order they are registered, each request every route before its
      // own: Twilio's webhooks (two requests per call) come first, as the busiest.
      controllers: [
        TwilioWebhooksController,
        HealthController,
        TicketsController,
        TicketWorkflowController,
        RepliesController,
        ContactsController,
        ContactPrivacyController,
        AgentsController,
        InboundItemsController,
        WebPagesController,
        MaintenanceController,
        ReportsController,
        AgentTypingController,
        WebAssetsController,
        VerificationController,
        CannedResponsesController,
        ChatFilesController,
        MissedCallsController,
        SurveyController,
        IncidentsController,
        StatusController,
        ApiDocsController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_PIPE, useFactory: dtoValidation },
        { provide: MetricsServer, useFactory: () => new MetricsServer(config.metrics) },
        GatewayMetricSources,
        ApiDocs,
        ConnectionPresence,
        ChatGateway,
        AgentTypingService,
        AgentsGateway,
        WebAssets,
        GatewayHeartbeat,
        HttpDraining,
        ChatStartLimit,
        ChatUploadLimit,
        ChatMessageLimit,
        ChatTokenGuard,
        ChatUploadLimitGuard,
        // The channels whose own tables hold personal data: an ARCO request reaches them too.
        { provide: CHANNEL_PERSONAL_DATA, useFactory: (chat: ChatPersonalDataRepository) => [chat], inject: [ChatPersonalDataRepository] },
        ContactPrivacyService,
      ],
    };
  }
}
