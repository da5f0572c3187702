import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

export const APP_ENTRY = {
  gateway: join(repoRoot(), 'dist/apps/gateway/src/main.js'),
  worker: join(repoRoot(), 'dist/apps/worker/src/main.js'),
} as const;

/**
 * A gateway or worker running as its own process from the build (`npm run build`), as in
 * production, so tests can kill it mid-work.
 */
export class AppProcess {
  private output = '';
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly app: keyof typeof APP_ENTRY,
    private readonly env: Record<string, string>,
  ) {}

  get log(): string {
    return this.output;
  }

  /** Started and not exited. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<this> {
    if (!existsSync(APP_ENTRY[this.app])) throw new Error(`${APP_ENTRY[this.app]} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [APP_ENTRY[this.app]], {
      env: { PATH: process.env.PATH ?? '', ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        this.output += chunk.toString();
        if (this.output.includes(`Ventanilla ${this.app} ready`)) resolve();
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
