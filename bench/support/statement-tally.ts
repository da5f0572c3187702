import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from '../../test/support/app-process.js';
import type { StatementCount } from './monitored-processes.js';

/** How long a count waits for every live process to write its latest count when asked. */
const ANSWER_TIMEOUT_MS = 5_000;

const PRELOAD = new URL('./statement-tally-preload.js', import.meta.url).href;

/**
 * Counts the statements the benchmarked processes send to Postgres, from inside them: each one is
 * started with a preload that counts its calls of pg's `query` and writes the count to a file of
 * its own when asked (SIGWINCH); a count asks every live process and sums the files. It replaced a
 * counting TCP proxy in front of Postgres, whose own process and two extra loopback hops per round trip cost the machine CPU and every
 * round trip time, more for the system (ten round trips per call at 40/s) than for the baseline
 * (one per event): docs/performance.md, ninth pass.
 */
export class StatementTally implements StatementCount {
  /** Each process's count at the last reset, by pid. */
  private offsets = new Map<string, number>();
  /** How many times each counting process was asked for its count, by pid. */
  private readonly asked = new Map<string, number>();

  private constructor(private readonly directory: string) {}

  static create(): StatementTally {
    return new StatementTally(mkdtempSync(join(tmpdir(), 'ventanilla-statements-')));
  }

  /** Settings a counted process needs, besides `instrument`'s Node.js flag. */
  get settings(): Record<string, string> {
    return { BENCH_STATEMENT_TALLY_DIR: this.directory };
  }

  /** Makes `app` count its statements (before it starts; its settings must include `settings`). */
  instrument<App extends AppProcess>(app: App): App {
    app.nodeArgs.push(`--import=${PRELOAD}`);
    return app;
  }

  /**
   * Statements each process sent since the tally was created or last reset, by pid, once every
   * process wrote its latest count. A process that exited keeps its last count: its statements were sent.
   */
  async count(): Promise<Map<number, number>> {
    await this.refresh();
    return new Map([...this.counts()].map(([pid, statements]) => [Number(pid), statements - (this.offsets.get(pid) ?? 0)]));
  }

  async reset(): Promise<void> {
    await this.refresh();
    this.offsets = this.counts();
  }

  close(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }

  /** Asks every counting process that still runs to write its count, and waits until each has. */
  private async refresh(): Promise<void> {
    const waiting = this.files().filter((pid) => {
      if (!signalled(Number(pid))) return false;
      this.asked.set(pid, (this.asked.get(pid) ?? 0) + 1);
      return true;
    });
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (waiting.some((pid) => this.read(pid).answered < this.asked.get(pid)!)) {
      if (Date.now() > deadline) throw new Error(`statement tally: processes ${waiting.join(', ')} did not write their counts within ${ANSWER_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private counts(): Map<string, number> {
    return new Map(this.files().map((pid) => [pid, this.read(pid).statements]));
  }

  /** A process's file: its count, and how many asks it had answered when it wrote it. */
  private read(pid: string): { statements: number; answered: number } {
    const [statements, answered] = readFileSync(join(this.directory, pid), 'utf8').split(' ').map(Number);
    return { statements: statements!, answered: answered! };
  }

  /** The count files, named by the pid of the process that writes them. */
  private files(): string[] {
    return readdirSync(this.directory).filter((file) => /^\d+$/.test(file));
  }
}

/** Sends SIGWINCH to `pid`; false when the process no longer runs (its file holds its final count). */
function signalled(pid: number): boolean {
  try {
    process.kill(pid, 'SIGWINCH');
    return true;
  } catch {
    return false;
  }
}
