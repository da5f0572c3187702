import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RateLimitedException, waitText } from './rate-limited.exception.js';
import { RedisLimit } from './redis-limit.js';

/** API requests one access token may make per minute (API_REQUESTS_PER_MINUTE; 0 turns it off). */
@Injectable()
export class ApiRequestLimit {
  private readonly limit?: RedisLimit;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    const points = config.limits.apiRequestsPerMinute;
    if (points > 0) this.limit = new RedisLimit(redis, config.core.queuePrefix, { name: 'api-token', points, durationSeconds: 60 });
  }

  /** Counts a request of the token; a 429 once its minute's requests are used up. */
  async consume(tokenId: string): Promise<void> {
    const verdict = await this.limit?.consume(tokenId);
    if (verdict && !verdict.allowed) {
      throw new RateLimitedException(`Demasiadas solicitudes con esta sesión; intenta de nuevo en ${waitText(verdict.retryAfterMs)}`, verdict.retryAfterMs);
    }
  }
}
