import { Module, type DynamicModule } from '@nestjs/common';
import { CHANNEL_ENTITIES, ChannelsModule, ChatAdapter, EmailAdapter, PhoneAdapter } from '@app/channels';
import { FaultInjector, InfrastructureModule, MetricsServer } from '@app/platform';
import { CoreConfigModule, TICKETS_ENTITIES, TICKETS_MIGRATIONS, TicketsModule } from '@app/tickets';
import { ChannelPortsModule } from './channels/channel-ports.module.js';
import { ChannelsOffNotice } from './channels/channels-off-notice.js';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config.js';
import { ChannelRegistry } from './intake/channel-registry.js';
import { DirectDeliveries } from './intake/direct-deliveries.js';
import { InboundPipeline } from './intake/inbound-pipeline.js';
import { MailboxIntake } from './mailbox/mailbox-intake.js';
import { IntakeProcessor } from './processors/intake.processor.js';
import { ChannelSenders } from './processors/channel-senders.js';
import { OutboundProcessor } from './processors/outbound.processor.js';
import { QueueWorkers } from './processors/queue-workers.js';
import { SlaProcessor } from './processors/sla.processor.js';
import { RecoveryScheduler } from './recovery/recovery.scheduler.js';
import { RetentionScheduler } from './retention/retention.scheduler.js';
import { SlaScheduler } from './sla/sla.scheduler.js';

@Module({})
export class WorkerModule {
  static register(config: WorkerConfig): DynamicModule {
    // Intake jobs share a few group transactions (InboundPipeline), so they need far fewer connections than jobs.
    const poolSize = Math.min(config.intakeConcurrency, 8) + config.outboundConcurrency + 4;
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.register({
          processName: 'ventanilla-worker',
          databaseUrl: config.core.databaseUrl,
          preparedStatements: config.core.preparedStatements,
          redisUrl: config.core.redisUrl,
          keyPrefix: config.core.queuePrefix,
          schema: { entities: [...TICKETS_ENTITIES, ...CHANNEL_ENTITIES], migrations: TICKETS_MIGRATIONS },
          poolSize,
        }),
        CoreConfigModule.register(config.core),
        TicketsModule,
        ChannelsModule.register({ email: config.email, phone: config.phone, ports: ChannelPortsModule }),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        {
          provide: ChannelRegistry,
          useFactory: (email: EmailAdapter, chat: ChatAdapter, phone: PhoneAdapter) => new ChannelRegistry([email, chat, phone]),
          inject: [EmailAdapter, ChatAdapter, PhoneAdapter],
        },
        { provide: FaultInjector, useFactory: () => new FaultInjector(config.core.faultPoints) },
        { provide: MetricsServer, useFactory: () => new MetricsServer(config.metrics) },
        ChannelSenders,
        ChannelsOffNotice,
        DirectDeliveries,
        InboundPipeline,
        IntakeProcessor,
        OutboundProcessor,
        SlaProcessor,
        QueueWorkers,
        MailboxIntake,
        ...(config.roles.has('recovery') ? [RecoveryScheduler] : []),
        ...(config.roles.has('sla') ? [SlaScheduler, RetentionScheduler] : []),
      ],
    };
  }
}
