import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The bench's handle on a statement-counting proxy in front of Postgres (PgStatementProxy), run as
 * a separate process so that counting costs the load generator and the system under test nothing.
 */
export class PgStatementCounter {
  private nextId = 1;
  private readonly answers = new Map<number, (count: number) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (message: { id: number; count?: number }) => {
      this.answers.get(message.id)?.(message.count ?? 0);
      this.answers.delete(message.id);
    });
  }

  static async start(target: { host: string; port: number }): Promise<PgStatementCounter> {
    const entry = fileURLToPath(new URL('./pg-statement-proxy-main.js', import.meta.url));
    const child = fork(entry, [target.host, String(target.port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`the statement counter exited (${code}) before it listened`)));
    });
    return new PgStatementCounter(child, port);
  }

  /** Statements sent since the start (or the last `reset`). */
  count(): Promise<number> {
    return this.ask('count');
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  /** `databaseUrl` with its host and port replaced by this proxy's. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.ask('close');
    await exited;
  }

  private ask(op: 'count' | 'reset' | 'close'): Promise<number> {
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.answers.set(id, resolve);
      this.child.send({ id, op }, (error) => {
        if (error) reject(error);
      });
    });
  }
}
