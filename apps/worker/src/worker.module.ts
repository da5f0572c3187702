import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule } from '@app/channels';
import { InfrastructureModule } from '@app/platform';
import { CoreConfigModule, TICKETS_ENTITIES, TICKETS_MIGRATIONS, TicketsModule } from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config.js';
import { MailboxIntake } from './mailbox/mailbox-intake.js';
import { IntakeProcessor } from './processors/intake.processor.js';
import { OutboundProcessor } from './processors/outbound.processor.js';
import { QueueWorkers } from './processors/queue-workers.js';
import { SlaProcessor } from './processors/sla.processor.js';
import { RecoveryScheduler } from './recovery/recovery.scheduler.js';
import { SlaScheduler } from './sla/sla.scheduler.js';

@Module({})
export class WorkerModule {
  static register(config: WorkerConfig): DynamicModule {
    const poolSize = config.intakeConcurrency + config.outboundConcurrency + 4;
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.register({
          processName: 'ventanilla-worker',
          databaseUrl: config.core.databaseUrl,
          redisUrl: config.core.redisUrl,
          keyPrefix: config.core.queuePrefix,
          schema: { entities: TICKETS_ENTITIES, migrations: TICKETS_MIGRATIONS },
          poolSize,
        }),
        CoreConfigModule.register(config.core),
        TicketsModule,
        ChannelsModule.register({ email: config.email, phone: config.phone, faultPoints: config.core.faultPoints }),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        IntakeProcessor,
        OutboundProcessor,
        SlaProcessor,
        QueueWorkers,
        MailboxIntake,
        ...(config.roles.has('recovery') ? [RecoveryScheduler] : []),
        ...(config.roles.has('sla') ? [SlaScheduler] : []),
      ],
    };
  }
}
