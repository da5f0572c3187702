import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

export const APP_ENTRY = {
  gateway: join(repoRoot(), 'dist/apps/gateway/src/main.js'),
  worker: join(repoRoot(), 'dist/apps/worker/src/main.js'),
} as const;

const LOG_TAIL_CHARS = 64 * 1024;

/**
 * A gateway or worker running as its own process from the build (`npm run build`), as in
 * production, so tests can kill it mid-work. Other scripts (the benchmark's baseline) run the same
 * way with their own entry and ready line.
 */
export class AppProcess {
  private output = '';
  /** Characters printed since start, the tail's dropped ones included: marks for `logSince`. */
  private printed = 0;
  private child?: ChildProcess;
  /** Extra Node.js flags for the process (e.g. --cpu-prof for a benchmark). */
  nodeArgs: string[] = [];
  private exited?: Promise<number | null>;

  constructor(
    readonly app: string,
    private readonly env: Record<string, string>,
    private readonly entry = APP_ENTRY[app as keyof typeof APP_ENTRY],
    private readonly readyText = `Ventanilla ${app} ready`,
  ) {}

  get log(): string {
    return this.output;
  }

  /** A mark of what the process printed so far, for `logSince`. */
  get logMark(): number {
    return this.printed;
  }

  /** What the process printed after `mark` (a long stretch keeps only its last LOG_TAIL_CHARS). */
  logSince(mark: number): string {
    return this.output.slice(Math.max(0, this.output.length - (this.printed - mark)));
  }

  /** Started and not exited. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<this> {
    if (!this.entry || !existsSync(this.entry)) throw new Error(`${this.entry ?? this.app} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [...this.nodeArgs, this.entry], {
      env: { PATH: process.env.PATH ?? '', ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      let isReady = false;
      const onData = (chunk: Buffer): void => {
        // Only the tail is kept: a long run's logs must not grow this process without bound.
        const text = chunk.toString();
        this.printed += text.length;
        this.output = (this.output + text).slice(-LOG_TAIL_CHARS);
        if (!isReady && this.output.includes(this.readyText)) {
          isReady = true;
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${this.app} exited (${code}) before it was ready:\n${this.output.slice(-3_000)}`)));
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await ready;
    return this;
  }

  /** Waits until the process exits (e.g. after a fault-injection crash). */
  async waitForExit(): Promise<number | null> {
    return this.exited ?? null;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }
}
