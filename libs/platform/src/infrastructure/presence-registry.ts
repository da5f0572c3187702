import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis-client.js';
import { REDIS_KEY_PREFIX } from '../redis/redis-key-prefix.js';

/** Who is connected where, e.g. `chat:<conversationId>` (a customer's tabs) or `agents` (the inbox). */
export type PresenceScope = `chat:${string}` | 'agents';

export interface PresenceMember {
  scope: PresenceScope;
  /** Unique per connection, e.g. `<process>:<socket id>`. */
  member: string;
}

/**
 * Connections shared by every process through Redis. Each member carries an expiry (a sorted-set
 * score), renewed by the process that holds the connection: a process that dies without saying
 * goodbye stops renewing, and its members disappear by themselves.
 */
@Injectable()
export class PresenceRegistry {
  constructor(
    @Inject(REDIS_KEY_PREFIX) private readonly keyPrefix: string,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** Adds or renews members for `ttlMs`. */
  async hold(members: PresenceMember[], ttlMs: number): Promise<void> {
    if (members.length === 0) return;
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const { scope, member } of members) pipeline.zadd(this.key(scope), now + ttlMs, member);
    for (const scope of new Set(members.map((entry) => entry.scope))) {
      // Members of processes that died are past their expiry: drop them so the set stays small.
      pipeline.zremrangebyscore(this.key(scope), '-inf', now);
      pipeline.pexpire(this.key(scope), ttlMs);
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  /** Ends a member's presence, at once or after `graceMs` (a page reload should not count as leaving). */
  async release({ scope, member }: PresenceMember, graceMs = 0): Promise<void> {
    if (graceMs > 0) await this.redis.zadd(this.key(scope), 'XX', Date.now() + graceMs, member);
    else await this.redis.zrem(this.key(scope), member);
  }

  /** Members present now. */
  async count(scope: PresenceScope): Promise<number> {
    return this.redis.zcount(this.key(scope), Date.now(), '+inf');
  }

  private key(scope: PresenceScope): string {
    return `${this.keyPrefix}:presence:${scope}`;
  }
}
