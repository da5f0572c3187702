import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule } from '@app/channels';
import { CoreInfrastructureModule, TicketsModule } from '@app/tickets';
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
        CoreInfrastructureModule.register(config.core, 'ventanilla-worker', poolSize),
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
