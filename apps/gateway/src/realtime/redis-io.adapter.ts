import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Namespace, type Server, type ServerOptions } from 'socket.io';
import { closeRedis, RedisErrorLog, socketIoRedisKey } from '@app/platform';
import type { AccessTokens } from '../auth/access-tokens.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { closeDefaultNamespace, guardNamespace } from './namespace-access.js';
import { isOriginAllowed } from './origin-policy.js';
import { RefusedOriginLog } from './refused-origin-log.js';

/** Largest socket.io message a client may send; chat texts are far smaller (CHAT_MAX_TEXT_CHARS). */
const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * The gateway's one socket.io server (every namespace: `/chat`, the inbox's `/agents`): it
 * shares rooms and broadcasts with the other gateway processes and the worker through Redis,
 * accepts browser connections only from allowed origins, and puts every namespace behind its
 * access rule (realtime/namespace-access.ts).
 */
export class RedisIoAdapter extends IoAdapter {
  // Its logger is IoAdapter's own, set by the base class before this field.
  private readonly redisErrors = new RedisErrorLog(this.logger);
  private readonly refusedOrigins = new RefusedOriginLog(this.logger);
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: GatewayConfig,
    private readonly tokens: AccessTokens,
  ) {
    super(app);
  }

  override create(port: number, options?: ServerOptions & { namespace?: string; server?: Server }): Server {
    const created = super.create(port, options) as Server | Namespace;
    if (created instanceof Namespace) guardNamespace(created, this.tokens);
    return created as Server;
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = this.config.chat.allowedOrigins;
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      // Polling requests from an allowed page need CORS headers; the check itself is allowRequest's.
      cors: { origin: (origin, callback) => callback(null, isOriginAllowed(origin, undefined, allowed)) },
      allowRequest: (request, callback) => {
        const ok = isOriginAllowed(request.headers.origin, request.headers.host, allowed);
        if (!ok) this.refusedOrigins.refused(request.headers.origin ?? '');
        callback(ok ? null : 'origin not allowed', ok);
      },
    });
    const pub = this.redisClient('pub');
    const sub = this.redisClient('sub');
    server.adapter(createAdapter(pub, sub, { key: socketIoRedisKey(this.config.core.queuePrefix) }));
    closeDefaultNamespace(server.of('/'));
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.clients.map(closeRedis));
  }

  private redisClient(role: string): Redis {
    const client = new Redis(this.config.core.redisUrl, { connectionName: `ventanilla-gateway-io-${role}` });
    client.on('error', (error: Error) => this.redisErrors.warn(`socket.io redis ${role}`, error));
    this.clients.push(client);
    return client;
  }
}
