import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { withTimeout } from '../async/with-timeout.js';

/** Injection token of the app's own ioredis client (status board, health checks). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * A client that fails fast while Redis is down (no offline queue), so callers can answer "try
 * again" instead of hanging; it keeps reconnecting in the background.
 */
export function createRedisClient(url: string, name: string): Redis {
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Callers see each failure where it happens; say once that the connection went away, naming the
  // setting and the server (never a password).
  const server = new URL(url);
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) new Logger(name).warn(`redis (REDIS_URL ${server.hostname}:${server.port || '6379'}): ${error.message}`);
    reported = true;
  });
  client.on('ready', () => (reported = false));
  return client;
}

/**
 * Closes a client without waiting on a Redis that is down: QUIT only when connected (and at most
 * 2 s), otherwise drop the connection (a queued QUIT would wait through every reconnect attempt).
 */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  await withTimeout(client.quit(), 2_000, 'redis quit').catch(() => client.disconnect());
}
