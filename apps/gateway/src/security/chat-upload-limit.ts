import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RedisLimit, type LimitVerdict } from './redis-limit.js';

/**
 * Files one chat conversation may send per hour (CHAT_UPLOADS_PER_HOUR; 0 turns it off), across
 * every gateway: a file costs storage and an agent's attention, so a script cannot send without end.
 */
@Injectable()
export class ChatUploadLimit {
  private readonly limit?: RedisLimit;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    const points = config.chat.uploadsPerConversationPerHour;
    if (points > 0) this.limit = new RedisLimit(redis, config.core.queuePrefix, { name: 'chat-upload-conversation', points, durationSeconds: 60 * 60 });
  }

  consume(conversationId: string): Promise<LimitVerdict> {
    return this.limit ? this.limit.consume(conversationId) : Promise.resolve({ allowed: true });
  }
}
