import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT, socketIoRedisKey } from '@app/platform';
import { AGENTS_NAMESPACE, SignedOutSessionsRepository } from '@app/tickets';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

/** The room of an agent's live connections opened with one session's token (joined at connection). */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * Sessions ended before their token expires (signing out), kept in Redis until that expiry so every
 * gateway refuses the token. A password change or deactivation ends all of an agent's sessions
 * another way (its session generation); this ends one. Postgres keeps them too: whenever this
 * gateway's connection to Redis becomes ready (at start, and after Redis came back, perhaps
 * restarted empty), it copies the unexpired ones back, so no restart makes a signed-out token valid.
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RevokedSessions.name);
  private readonly keyPrefix: string;
  private readonly sockets: ReturnType<Emitter['of']>;

  private readonly restoreOnReady = () => void this.restore();

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly signedOut: SignedOutSessionsRepository,
  ) {
    this.keyPrefix = `${config.core.queuePrefix}:revoked-session:`;
    // The emitter does not await PUBLISH; a rejection (Redis down) must not become an unhandled one.
    const publisher = {
      publish: (channel: string, message: Buffer | string) =>
        redis.publish(channel, message).catch((error: Error) => this.logger.warn(`signed-out connections not ended: ${error.message}`)),
    };
    this.sockets = new Emitter(publisher, { key: socketIoRedisKey(config.core.queuePrefix) }).of(AGENTS_NAMESPACE);
  }

  onApplicationBootstrap(): void {
    this.redis.on('ready', this.restoreOnReady);
    if (this.redis.status === 'ready') this.restoreOnReady();
  }

  onApplicationShutdown(): void {
    this.redis.off('ready', this.restoreOnReady);
  }

  /** Refuses the session's tokens from now until `expiresAt`, and ends its live connections on every gateway. */
  async revoke(sessionId: string, expiresAt: Date): Promise<void> {
    await this.signedOut.record({ sessionId, expiresAt });
    // Recorded in Postgres: with Redis down, the copy is made when it is back (restore).
    await this.remember(sessionId, expiresAt).catch((error: Error) => this.logger.warn(`sign-out kept for Redis's return: ${error.message}`));
    this.sockets.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  private async remember(sessionId: string, expiresAt: Date): Promise<void> {
    const remainingMs = expiresAt.getTime() - Date.now();
    if (remainingMs > 0) await this.redis.set(this.keyPrefix + sessionId, '1', 'PX', remainingMs);
  }

  /** Copies every unexpired sign-out from Postgres into Redis (a few hundred keys at most: one per sign-out in a token's lifetime). */
  private async restore(): Promise<void> {
    try {
      const sessions = await this.signedOut.unexpired();
      for (const session of sessions) await this.remember(session.sessionId, session.expiresAt);
    } catch (error) {
      this.logger.warn(`signed-out sessions not copied back to Redis: ${(error as Error).message}`);
    }
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
