import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT, StatusBoard, withTimeout, type ComponentStatus } from '@app/platform';
import { QUEUES } from '../jobs.js';
import { OutboundDeliveriesRepository } from '../outbound/outbound-deliveries.repository.js';
import { mailboxHealth, type MailboxHealth } from './mailbox-health.js';

export interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

export interface QueueHealth extends CheckResult {
  waiting?: number;
  /** Age of the oldest job nobody has taken yet: grows when work is not being consumed. */
  oldestWaitingMs?: number;
}

export interface DeliveryHealth extends CheckResult {
  /** Messages owed to customers on this channel and not sent yet. */
  owed: number;
  /** How long the oldest of them has waited: grows while the channel's provider fails. */
  oldestOwedMs: number;
}

export interface HealthReport {
  status: 'ok' | 'failing';
  failing: string[];
  checks: {
    postgres: CheckResult;
    redis: CheckResult;
    queues: Record<string, QueueHealth>;
    deliveries: Record<string, DeliveryHealth>;
    mailbox?: MailboxHealth;
  };
  workers: ComponentStatus[];
  checkedAt: string;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * What /health reports. Postgres and Redis must answer; beyond pings, it fails when work is not
 * being consumed for longer than the limit: a queue's oldest waiting job (no worker takes it), a
 * channel's oldest owed delivery (its provider keeps failing), or no worker connected to the
 * mailbox (mail waits unread).
 */
@Injectable()
export class SystemHealth {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly statusBoard: StatusBoard,
    private readonly deliveries: OutboundDeliveriesRepository,
    @InjectQueue(QUEUES.intake) private readonly intake: Queue,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
  ) {}

  /** Readiness: can this process serve requests now (Postgres and Redis answer)? Queues and providers are not asked. */
  async readiness(): Promise<Pick<HealthReport, 'status' | 'failing'>> {
    const [postgres, redis] = await Promise.all([timed(() => this.dataSource.query('SELECT 1')), timed(() => this.redis.ping())]);
    const failing = [...(postgres.ok ? [] : ['postgres']), ...(redis.ok ? [] : ['redis'])];
    return { status: failing.length === 0 ? 'ok' : 'failing', failing };
  }

  async report(maxQueueAgeMs: number): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => this.redis.ping()),
    ]);
    const queues: Record<string, QueueHealth> = {};
    for (const [name, queue] of [
      [QUEUES.intake, this.intake],
      [QUEUES.outbound, this.outbound],
    ] as const) {
      queues[name] = redis.ok ? await this.queueHealth(queue, maxQueueAgeMs) : { ok: false, error: 'redis unavailable' };
    }
    const workers = redis.ok ? await this.statusBoard.read('worker').catch(() => []) : [];
    const deliveries = postgres.ok ? await this.deliveryHealth(maxQueueAgeMs) : {};
    const mailbox = mailboxHealth(workers, maxQueueAgeMs, Date.now());
    const failing = [
      ...(postgres.ok ? [] : ['postgres']),
      ...(redis.ok ? [] : ['redis']),
      ...Object.entries(queues)
        .filter(([, health]) => !health.ok)
        .map(([name]) => `queue:${name}`),
      ...Object.entries(deliveries)
        .filter(([, health]) => !health.ok)
        .map(([channel]) => `delivery:${channel}`),
      ...(mailbox && !mailbox.ok ? ['mailbox'] : []),
    ];
    return {
      status: failing.length === 0 ? 'ok' : 'failing',
      failing,
      checks: { postgres, redis, queues, deliveries, ...(mailbox ? { mailbox } : {}) },
      workers,
      checkedAt: new Date().toISOString(),
    };
  }

  private async deliveryHealth(maxAgeMs: number): Promise<Record<string, DeliveryHealth>> {
    const owed = await withDeadline(this.deliveries.owedByChannel()).catch(() => []);
    return Object.fromEntries(
      owed.map(({ channel, owed: count, oldestMs }) => {
        const ok = oldestMs <= maxAgeMs;
        return [channel, { ok, owed: count, oldestOwedMs: oldestMs, ...(ok ? {} : { error: `oldest owed message is ${oldestMs} ms old` }) }];
      }),
    );
  }

  private async queueHealth(queue: Queue, maxAgeMs: number): Promise<QueueHealth> {
    try {
      const [waiting, [oldest]] = await withDeadline(
        Promise.all([queue.getWaitingCount(), queue.getJobs(['waiting'], 0, 0, true)]),
      );
      const oldestWaitingMs = oldest ? Date.now() - oldest.timestamp : 0;
      const ok = oldestWaitingMs <= maxAgeMs;
      return { ok, waiting, oldestWaitingMs, ...(ok ? {} : { error: `oldest waiting job is ${oldestWaitingMs} ms old` }) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
}

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  try {
    await withDeadline(check());
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  return withTimeout(work, CHECK_TIMEOUT_MS, 'health check');
}
