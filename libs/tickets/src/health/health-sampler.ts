import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT, StatusBoard, withTimeout } from '@app/platform';

export interface ComponentSample {
  component: string;
  ok: boolean;
  detail?: string;
}

/**
 * Records, once a minute, whether each part of the service works: Postgres, Redis, a gateway, a
 * worker, and the mailbox connection when email intake is on. A minute with no record at all (the
 * database was down, or nothing ran) counts as down in the availability report.
 */
@Injectable()
export class HealthSampler {
  private readonly logger = new Logger(HealthSampler.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly statusBoard: StatusBoard,
  ) {}

  async sample(emailIntakeOn: boolean): Promise<ComponentSample[]> {
    const redisOk = await withTimeout(this.redis.ping(), 2_000, 'redis ping').then(() => true, () => false);
    const gateways = redisOk ? await this.statusBoard.read('gateway').catch(() => []) : [];
    const workers = redisOk ? await this.statusBoard.read('worker').catch(() => []) : [];
    const samples: ComponentSample[] = [
      { component: 'redis', ok: redisOk },
      { component: 'gateway', ok: gateways.length > 0, detail: `${gateways.length} reporting` },
      // This code runs in a worker, so one is up; the board says whether its queues are served.
      { component: 'worker', ok: true, detail: `${workers.length} reporting` },
    ];
    if (emailIntakeOn) {
      const connected = workers.some((report) => (report.details.mailbox as { connected?: boolean } | undefined)?.connected === true);
      samples.push({ component: 'mailbox', ok: connected });
    }
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2_000, 'postgres');
      samples.push({ component: 'postgres', ok: true });
      await this.dataSource.query(
        `INSERT INTO health_samples (minute, component, ok, detail)
         SELECT date_trunc('minute', now()), s.component, s.ok, s.detail
           FROM jsonb_to_recordset($1::jsonb) AS s(component text, ok boolean, detail text)
         ON CONFLICT (minute, component) DO UPDATE SET ok = health_samples.ok AND EXCLUDED.ok`,
        [JSON.stringify(samples)],
      );
    } catch (error) {
      this.logger.warn(`health sample not recorded (Postgres unreachable?): ${(error as Error).message}`);
      samples.push({ component: 'postgres', ok: false });
    }
    return samples;
  }
}
