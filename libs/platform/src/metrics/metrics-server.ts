import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MetricsSettings } from './metrics-settings.js';
import { collectProcessMetrics, metricsRegistry } from './metrics.js';

/**
 * The process's `/metrics`, on a port of its own (METRICS_PORT) rather than the public one: the
 * worker has no HTTP server, and a scraper on the private side needs no agent token.
 */
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(private readonly settings: MetricsSettings) {}

  /** The port it listens on, once started (tests ask for port 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.port === undefined) return;
    collectProcessMetrics();
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try GET /metrics\n');
        return;
      }
      metricsRegistry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error.message}\n`),
      );
    });
    this.server.listen(this.settings.port, this.settings.host);
    await once(this.server, 'listening');
    this.logger.log(`metrics on http://${this.settings.host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
