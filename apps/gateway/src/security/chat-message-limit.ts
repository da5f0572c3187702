import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RedisLimit, type LimitVerdict } from './redis-limit.js';

/**
 * Messages one chat conversation may send per window (CHAT_RATE_LIMIT per CHAT_RATE_WINDOW_MS),
 * counted in Redis across all its connections and every gateway: the connection's own bucket is
 * reset by reconnecting and multiplied by opening more sockets with the same token; this is not.
 */
@Injectable()
export class ChatMessageLimit {
  private readonly limit: RedisLimit;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    const { burst, windowMs } = config.chat.rateLimit;
    this.limit = new RedisLimit(redis, config.core.queuePrefix, { name: 'chat-message-conversation', points: burst, durationSeconds: Math.max(1, Math.ceil(windowMs / 1_000)) });
  }

  consume(conversationId: string): Promise<LimitVerdict> {
    return this.limit.consume(conversationId);
  }
}
