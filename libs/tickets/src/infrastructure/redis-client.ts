import { Redis } from 'ioredis';

/** Injection token of the app's own ioredis client (status board, health checks). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * A client that fails fast while Redis is down (no offline queue), so callers can answer "try
 * again" instead of hanging; it keeps reconnecting in the background.
 */
export function createRedisClient(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
