import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis-client.js';
import { REDIS_KEY_PREFIX } from '../redis/redis-key-prefix.js';

export interface ComponentStatus {
  component: string;
  instance: string;
  reportedAt: string;
  details: Record<string, unknown>;
}

/** Processes report what they see (worker alive, mailbox connected) here; /health reads it. */
@Injectable()
export class StatusBoard {
  readonly instance = `${hostname()}-${process.pid}`;

  constructor(
    @Inject(REDIS_KEY_PREFIX) private readonly keyPrefix: string,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  private key(component: string, instance = this.instance): string {
    return `${this.keyPrefix}:status:${component}:${instance}`;
  }

  async report(component: string, details: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    const status: ComponentStatus = { component, instance: this.instance, reportedAt: new Date().toISOString(), details };
    await this.redis.set(this.key(component), JSON.stringify(status), 'EX', ttlSeconds);
  }

  async clear(component: string): Promise<void> {
    await this.redis.del(this.key(component));
  }

  /** Every live report of a component (reports expire when their process stops reporting). */
  async read(component: string): Promise<ComponentStatus[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', this.key(component, '*'), 'COUNT', 100);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys);
    return values.filter((value): value is string => value !== null).map((value) => JSON.parse(value) as ComponentStatus);
  }
}
