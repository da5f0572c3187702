import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Where the baseline "sends" its confirmations: records the arrival time of each id posted. */
export class HttpSink {
  readonly arrivals = new Map<string, number>();
  onArrival?: (id: string, at: number) => void;
  private readonly server: Server;
  port = 0;

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const id = Buffer.concat(chunks).toString();
        const at = performance.now();
        this.arrivals.set(id, at);
        this.onArrival?.(id, at);
        response.writeHead(204).end();
      });
    });
  }

  static async start(): Promise<HttpSink> {
    const sink = new HttpSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    sink.port = (sink.server.address() as { port: number }).port;
    return sink;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
