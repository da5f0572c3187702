import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LimitRule {
  /** Part of the Redis key, unique per limit. */
  name: string;
  points: number;
  durationSeconds: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Keys longer than this are hashed, so no input (a 90 KB "email") can grow Redis or memory. */
const MAX_PLAIN_KEY_CHARS = 64;

/**
 * One limit kept in Redis (rate-limiter-flexible), so it holds across every gateway process. While
 * Redis is unreachable each process falls back to an in-memory limiter of the same rule: the
 * limit loosens to one per process for the outage rather than failing open or locking everyone out.
 */
export class RedisLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    readonly rule: LimitRule,
  ) {
    const options = { points: rule.points, duration: rule.durationSeconds, keyPrefix: `${keyPrefix}:limit:${rule.name}` };
    this.limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
  }

  /** Counts one (or `points`) against `key`; refused once the rule's points are used up in its window. */
  async consume(key: string, points = 1): Promise<LimitVerdict> {
    try {
      await this.limiter.consume(boundedKey(key), points);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: rejection.msBeforeNext };
      throw rejection;
    }
  }

  /** Gives back `points` counted against `key` (an attempt that turned out not to count). */
  async refund(key: string, points = 1): Promise<void> {
    await this.limiter.reward(boundedKey(key), points);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(boundedKey(key));
  }
}

function boundedKey(key: string): string {
  return key.length <= MAX_PLAIN_KEY_CHARS ? key : createHash('sha256').update(key).digest('base64url');
}
