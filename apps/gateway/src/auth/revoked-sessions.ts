import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT, socketIoRedisKey } from '@app/platform';
import { AGENTS_NAMESPACE } from '@app/tickets';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

/** The room of an agent's live connections opened with one session's token (joined at connection). */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * Sessions ended before their token expires (signing out), kept in Redis until that expiry so every
 * gateway refuses the token. A password change or deactivation ends all of an agent's sessions
 * another way (its session generation); this ends one.
 */
@Injectable()
export class RevokedSessions {
  private readonly logger = new Logger(RevokedSessions.name);
  private readonly keyPrefix: string;
  private readonly sockets: ReturnType<Emitter['of']>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(REDIS_CLIENT) private readonly redis: Redis) {
    this.keyPrefix = `${config.core.queuePrefix}:revoked-session:`;
    // The emitter does not await PUBLISH; a rejection (Redis down) must not become an unhandled one.
    const publisher = {
      publish: (channel: string, message: Buffer | string) =>
        redis.publish(channel, message).catch((error: Error) => this.logger.warn(`signed-out connections not ended: ${error.message}`)),
    };
    this.sockets = new Emitter(publisher, { key: socketIoRedisKey(config.core.queuePrefix) }).of(AGENTS_NAMESPACE);
  }

  /** Refuses the session's tokens from now until `expiresAt`, and ends its live connections on every gateway. */
  async revoke(sessionId: string, expiresAt: Date): Promise<void> {
    const remainingMs = expiresAt.getTime() - Date.now();
    if (remainingMs > 0) await this.redis.set(this.keyPrefix + sessionId, '1', 'PX', remainingMs);
    this.sockets.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /**
   * Whether any of these sessions was ended. While Redis cannot answer, a token is taken as not
   * revoked (logged): the inbox keeps working through a Redis outage, and a signed-out token is
   * refused again once Redis is back.
   */
  async anyRevoked(sessionIds: string[]): Promise<boolean> {
    try {
      return (await this.redis.exists(...sessionIds.map((id) => this.keyPrefix + id))) > 0;
    } catch (error) {
      this.logger.warn(`revoked sessions not checked (Redis): ${(error as Error).message}`);
      return false;
    }
  }
}
