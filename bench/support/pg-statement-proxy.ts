import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../test/support/ports.js';

/**
 * A TCP proxy in front of Postgres that counts the statements clients send, by reading the
 * frontend protocol: each simple Query ('Q') and each Execute ('E') of the extended protocol is one
 * statement (BEGIN and COMMIT included). It works from outside the processes, with no extension in
 * Postgres (pg_stat_statements needs a restart with shared_preload_libraries). It runs in a process
 * of its own (see PgStatementCounter): inside the load generator it added tens of milliseconds per
 * statement under load.
 */
export class PgStatementProxy {
  private statements = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(
    readonly port: number,
    target: { host: string; port: number },
  ) {
    this.server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      // As Postgres and pg set their own sockets: with Nagle's algorithm on, an answer that comes in
      // two writes (a pipelined BEGIN's, then its statement's) waited for the client's delayed ACK,
      // 40 ms at a time.
      for (const socket of [client, upstream]) socket.setNoDelay(true);
      const reader = new FrontendReader(() => (this.statements += 1));
      this.sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        reader.feed(chunk);
        upstream.write(chunk);
      });
      upstream.pipe(client);
      const close = () => {
        for (const socket of [client, upstream]) {
          socket.destroy();
          this.sockets.delete(socket);
        }
      };
      for (const socket of [client, upstream]) socket.on('close', close).on('error', close);
    });
  }

  static async start(target: { host: string; port: number }, port?: number): Promise<PgStatementProxy> {
    const counter = new PgStatementProxy(port ?? (await freePort()), target);
    await new Promise<void>((resolve) => counter.server.listen(counter.port, '127.0.0.1', resolve));
    return counter;
  }

  /** Statements sent since the start (or the last `reset`). */
  get count(): number {
    return this.statements;
  }

  reset(): void {
    this.statements = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

/**
 * Splits a client's byte stream into protocol messages. The first message (startup, or an
 * SSLRequest/cancel request) has no type byte: a length, then the body. Every later one is a type
 * byte, then a length that counts itself.
 */
class FrontendReader {
  private buffered: Buffer = Buffer.alloc(0);
  private started = false;

  constructor(private readonly onStatement: () => void) {}

  feed(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    let offset = 0;
    for (;;) {
      if (!this.started) {
        if (this.buffered.length - offset < 8) break;
        const length = this.buffered.readInt32BE(offset);
        if (this.buffered.length - offset < length) break;
        // 80877103: SSLRequest, answered by one byte; the real startup message follows.
        if (this.buffered.readInt32BE(offset + 4) !== 80_877_103) this.started = true;
        offset += length;
        continue;
      }
      if (this.buffered.length - offset < 5) break;
      const type = this.buffered[offset]!;
      const length = this.buffered.readInt32BE(offset + 1);
      if (this.buffered.length - offset < 1 + length) break;
      if (type === 0x51 /* Q */ || type === 0x45 /* E */) this.onStatement();
      offset += 1 + length;
    }
    this.buffered = this.buffered.subarray(offset);
  }
}
