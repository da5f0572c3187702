import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from '../../test/support/app-process.js';
import type { StatementCount } from './monitored-processes.js';

/** Each counting process writes its count this often (statement-tally-preload). */
const WRITE_INTERVAL_MS = 100;

const PRELOAD = new URL('./statement-tally-preload.js', import.meta.url).href;

/**
 * Counts the statements the benchmarked processes send to Postgres, from inside them: each one is
 * started with a preload that counts its calls of pg's `query` and writes the count to a file of
 * its own; a count is the sum of the files. It replaced a counting TCP proxy in front of Postgres,
 * whose own process and two extra loopback hops per round trip cost the machine CPU and every
 * round trip time, more for the system (ten round trips per call at 40/s) than for the baseline
 * (one per event): docs/performance.md, ninth pass.
 */
export class StatementTally implements StatementCount {
  private offset = 0;

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

  /** Statements sent since the tally was created or last reset, once every process wrote its latest count. */
  async count(): Promise<number> {
    await settled();
    return this.sum() - this.offset;
  }

  async reset(): Promise<void> {
    await settled();
    this.offset = this.sum();
  }

  close(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }

  private sum(): number {
    // A process that exited keeps its last count: its statements were sent.
    const counts = readdirSync(this.directory).filter((file) => /^\d+$/.test(file));
    return counts.reduce((sum, file) => sum + Number(readFileSync(join(this.directory, file), 'utf8')), 0);
  }
}

const settled = () => new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS * 3));
