import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { InjectQueue } from '@nestjs/bullmq';
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUES, TicketsModule } from '@app/tickets';
import { AccessTokens } from '../auth/access-tokens.js';
import { QUEUE_DASHBOARD_PATH, queueDashboardAccess } from './queue-dashboard-access.js';

/**
 * bull-board at /admin/queues for administrators: every queue's jobs, failed ones to inspect and
 * retry. Wired here rather than with @bull-board/nestjs, which is CommonJS and `require`s NestJS 12
 * (ESM only): Jest on Node 20 cannot load it. `auth` is the gateway's AuthModule (the same
 * instance), whose tokens the gate checks.
 */
@Module({})
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly tokens: AccessTokens,
    @InjectQueue(QUEUES.intake) private readonly intake: Queue,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    @InjectQueue(QUEUES.sla) private readonly sla: Queue,
  ) {}

  static register(auth: DynamicModule): DynamicModule {
    return { module: QueueDashboardModule, imports: [auth, TicketsModule] };
  }

  configure(consumer: MiddlewareConsumer): void {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: [this.intake, this.outbound, this.sla].map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      // Spanish (bull-board has es-ES, not es-MX); no links off this host.
      options: { uiConfig: { boardTitle: 'Ventanilla · colas', locale: { lng: 'es-ES' }, hideDocsLink: true, miscLinks: [{ text: 'Volver a la bandeja', url: '/inbox' }] } },
    });
    // The gate first: nothing of bull-board (page, files, API) answers before it.
    consumer.apply(queueDashboardAccess(this.tokens), board.getRouter()).forRoutes(QUEUE_DASHBOARD_PATH);
  }
}
