import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { queueSources, slaSources, type QueueSnapshot } from '@app/platform';
import { QUEUES, SlaExposureRepository } from '@app/tickets';

/**
 * The gauges the gateway answers for the whole deployment: queue depths and the SLA exposure. One
 * place (every gateway has Postgres and Redis; workers may be split by role), read only when scraped.
 */
@Injectable()
export class GatewayMetricSources implements OnModuleInit, OnModuleDestroy {
  private readonly removals: Array<() => void> = [];

  constructor(
    private readonly sla: SlaExposureRepository,
    @InjectQueue(QUEUES.intake) private readonly intake: Queue,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    @InjectQueue(QUEUES.sla) private readonly slaQueue: Queue,
  ) {}

  onModuleInit(): void {
    this.removals.push(
      queueSources.add(() => Promise.all([this.intake, this.outbound, this.slaQueue].map((queue) => snapshot(queue)))),
      slaSources.add(() => this.sla.count()),
    );
  }

  onModuleDestroy(): void {
    for (const remove of this.removals.splice(0)) remove();
  }
}

async function snapshot(queue: Queue): Promise<QueueSnapshot> {
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    queue.getJobs(['waiting'], 0, 0, true),
  ]);
  return {
    queue: queue.name,
    counts: { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
    oldestWaitingSeconds: oldest ? Math.max(0, Date.now() - oldest.timestamp) / 1_000 : 0,
  };
}
