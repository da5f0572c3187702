/**
 * Injection token of the prefix of every Redis key and channel of this deployment (QUEUE_PREFIX):
 * queues, status reports, presence, socket.io messages. Several deployments can share a Redis.
 */
export const REDIS_KEY_PREFIX = Symbol('REDIS_KEY_PREFIX');
