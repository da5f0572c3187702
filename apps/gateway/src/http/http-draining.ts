import type { Server, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * The first step of a shutdown (SIGTERM): the gateway stops listening, so new connections are
 * refused and go to another gateway, and every answer from then on closes its connection, so the
 * requests in flight finish but kept-alive connections do not hold the exit for keepAliveTimeout.
 * Nest then answers the chat requests in flight (ChatGateway), closes the sockets, waits for the
 * HTTP requests in flight and closes the stores.
 */
@Injectable()
export class HttpDraining implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HttpDraining.name);
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  private get server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }

  onApplicationBootstrap(): void {
    this.server.on('request', (_request, response: ServerResponse) => {
      if (this.draining) {
        response.shouldKeepAlive = false;
        return;
      }
      this.inFlight.add(response);
      response.once('close', () => this.inFlight.delete(response));
    });
  }

  onModuleDestroy(): void {
    this.draining = true;
    for (const response of this.inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
    // Closing again later (Nest, socket.io) is harmless: each close() waits for the same drain.
    this.server.close();
    this.logger.log(`shutting down: new connections refused, finishing ${this.inFlight.size} HTTP request(s) in flight`);
  }
}
