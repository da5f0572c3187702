import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './ports.js';

/**
 * - `pass`: forwards both ways (after `latencyMs`, when set).
 * - `refuse`: the port is closed and every open connection dropped: "connection refused".
 * - `blackhole`: connections stay open but nothing is forwarded any more, and new ones are
 *   accepted and never answered: a silent network drop (an IMAP IDLE that never returns).
 */
export type ProxyMode = 'pass' | 'refuse' | 'blackhole';

interface Link {
  client: Socket;
  upstream?: Socket;
  /** Blackholed links stay dead, as a dropped connection does, until their client gives up. */
  stalled: boolean;
}

/**
 * A TCP proxy (plain `node:net`) between our processes and a server (Postgres, Dovecot) that
 * injects network faults the processes cannot tell from the real thing, without touching the
 * server itself (the machine's Postgres is shared).
 */
export class FaultProxy {
  /** Added before each chunk is forwarded while passing (order is kept). */
  latencyMs = 0;
  private current: ProxyMode = 'pass';
  private server?: Server;
  private readonly links = new Set<Link>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(await freePort(), target);
    await proxy.listen();
    return proxy;
  }

  get mode(): ProxyMode {
    return this.current;
  }

  /** Connections open now (through the proxy to the target, or stalled). */
  get openConnections(): number {
    return this.links.size;
  }

  async pass(): Promise<void> {
    this.current = 'pass';
    if (!this.server) await this.listen();
  }

  async refuse(): Promise<void> {
    this.current = 'refuse';
    const server = this.server;
    this.server = undefined;
    for (const link of this.links) destroy(link);
    this.links.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async blackhole(): Promise<void> {
    this.current = 'blackhole';
    for (const link of this.links) link.stalled = true;
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  private accept(client: Socket): void {
    const link: Link = { client, stalled: this.current !== 'pass' };
    this.links.add(link);
    const forget = (): void => {
      destroy(link);
      this.links.delete(link);
    };
    client.on('error', forget);
    client.on('close', forget);
    if (link.stalled) return;

    const upstream = connect(this.target.port, this.target.host);
    link.upstream = upstream;
    upstream.on('error', forget);
    upstream.on('close', () => {
      if (!link.stalled) forget();
    });
    client.on('data', (chunk: Buffer) => this.forward(link, chunk, upstream));
    upstream.on('data', (chunk: Buffer) => this.forward(link, chunk, client));
  }

  private forward(link: Link, chunk: Buffer, to: Socket): void {
    if (link.stalled) return;
    const write = (): void => {
      if (!link.stalled && !to.destroyed) to.write(chunk);
    };
    if (this.latencyMs > 0) setTimeout(write, this.latencyMs);
    else write();
  }
}

function destroy(link: Link): void {
  link.client.destroy();
  link.upstream?.destroy();
}
