import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RedisLimit, type LimitVerdict } from './redis-limit.js';

/**
 * New chat conversations one client address may start per hour (CHAT_STARTS_PER_IP_PER_HOUR; 0
 * turns it off), across every connection and every gateway: a script opening sockets cannot open
 * tickets without end.
 */
@Injectable()
export class ChatStartLimit {
  private readonly limit?: RedisLimit;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    const points = config.chat.startsPerAddressPerHour;
    if (points > 0) this.limit = new RedisLimit(redis, config.core.queuePrefix, { name: 'chat-start-address', points, durationSeconds: 60 * 60 });
  }

  consume(address: string): Promise<LimitVerdict> {
    return this.limit ? this.limit.consume(address) : Promise.resolve({ allowed: true });
  }
}
