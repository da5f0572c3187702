import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * How long kept-alive connections may go on bringing requests after a SIGTERM. A request a client
 * had already written on a kept-alive connection, but the gateway had not yet read, is reset if the
 * connection is closed as "idle" at once (Node's `server.close()` does that): the client sees
 * "fetch failed" for a request it sent before the signal. Within this grace such a request is read
 * and answered, with `Connection: close`, and the client opens its next connection elsewhere.
 */
const KEPT_ALIVE_GRACE_MS = 1_000;
const GRACE_POLL_MS = 25;

/**
 * The first step of a shutdown (SIGTERM): the gateway stops listening, so new connections are
 * refused and go to another gateway, and every answer from then on closes its connection, so the
 * requests in flight finish but kept-alive connections do not hold the exit for keepAliveTimeout.
 * Kept-alive connections are closed only once they answered a last request or stayed idle for
 * KEPT_ALIVE_GRACE_MS. Nest then answers the chat requests in flight (ChatGateway), closes the
 * sockets, waits for the HTTP requests in flight and closes the stores.
 */
@Injectable()
export class HttpDraining implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(HttpDraining.name);
  private readonly inFlight = new Set<ServerResponse>();
  /** Plain HTTP connections (socket.io's upgraded ones are closed with socket.io). */
  private readonly connections = new Set<Socket>();
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  private get server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }

  onApplicationBootstrap(): void {
    this.server.on('connection', (socket: Socket) => {
      this.connections.add(socket);
      socket.once('close', () => this.connections.delete(socket));
    });
    this.server.on('upgrade', (_request: IncomingMessage, socket: Socket) => this.connections.delete(socket));
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
    // Stop listening but keep the idle connections: Node's http `close()` would reset them, and
    // with them any request already on its way (Nest's own close does that after the grace).
    Reflect.apply(NetServer.prototype.close, this.server, []);
    this.logger.log(
      `shutting down: new connections refused, finishing ${this.inFlight.size} HTTP request(s) in flight ` +
        `and ${this.connections.size} open connection(s)`,
    );
  }

  /** Waits until every plain HTTP connection has closed after its last answer, or the grace is over. */
  async beforeApplicationShutdown(): Promise<void> {
    const until = Date.now() + KEPT_ALIVE_GRACE_MS;
    while (this.connections.size > 0 && Date.now() < until) await sleep(GRACE_POLL_MS);
  }
}
