import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Loaded before a benchmarked process's own code (`--import`, see StatementTally): counts the
 * statements it sends to Postgres, as calls of pg's `Client.prototype.query`, which every statement
 * goes through (TypeORM's, the prepared ones, a pipelined transaction's BEGIN and COMMIT, each its
 * own call even when several travel in one write), and writes the count to a file named by its pid
 * when the bench asks (SIGWINCH: Nest's shutdown hooks take SIGUSR2, and the apps register them for
 * every signal Nest knows; a window size change means nothing to a server) and when it exits. Only
 * then: a write every 100 ms, as at first, cost the measured process 1.5-2.5 % of its busy time (a
 * file written and renamed ten times a second).
 */
const directory = process.env.BENCH_STATEMENT_TALLY_DIR;
if (directory) {
  // The instance the process's own `import pg from 'pg'` gets: CommonJS modules load once.
  const pg = createRequire(import.meta.url)('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const query = pg.Client.prototype.query;
  let statements = 0;
  /** How many times the bench asked: written beside the count so it knows the count answers its latest ask. */
  let asked = 0;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    statements += 1;
    return query.apply(this, args);
  };
  const file = join(directory, String(process.pid));
  // Written aside and renamed: a reader never sees the file empty, between its truncation and its write.
  const write = () => {
    writeFileSync(`${file}.next`, `${statements} ${asked}`);
    renameSync(`${file}.next`, file);
  };
  write();
  process.on('SIGWINCH', () => {
    asked += 1;
    write();
  });
  process.on('exit', write);
}
