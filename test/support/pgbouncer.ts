import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventually } from './eventually.js';
import { freePort } from './ports.js';

const PGBOUNCER = '/usr/sbin/pgbouncer';

/** What PgBouncer's `SHOW STATS` says of one database: how much went through it. */
export interface PoolerStats {
  transactions: number;
  queries: number;
}

/**
 * A PgBouncer of the suite's own in **transaction** mode (a server connection per transaction, as
 * docs/scaling.md describes a pooler in front of Postgres), pointed at `target`. Debian's 1.18
 * cannot keep named prepared statements in that mode, so processes behind it run with
 * DATABASE_PREPARED_STATEMENTS=false. `stats()` reads its admin console, to show the traffic went
 * through it.
 */
export class PgBouncer {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(target: { host: string; port: number }): Promise<PgBouncer> {
    if (!existsSync(PGBOUNCER)) throw new Error(`pgbouncer is not installed (${PGBOUNCER}); install the Debian package pgbouncer`);
    const dir = mkdtempSync(join(tmpdir(), 'ventanilla-pgbouncer-'));
    // It refuses to run as root: it drops to postgres (-u), which must read and write here.
    chmodSync(dir, 0o777);
    const bouncer = new PgBouncer(await freePort(), dir);
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${target.host} port=${target.port} user=postgres`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${bouncer.port}`,
        'unix_socket_dir =',
        'auth_type = any',
        'admin_users = postgres',
        'pool_mode = transaction',
        'max_client_conn = 1000',
        'default_pool_size = 20',
        // pg sends these at connect; PgBouncer would refuse the connection over a parameter it does not know.
        'ignore_startup_parameters = extra_float_digits,options',
        `logfile = ${join(dir, 'pgbouncer.log')}`,
        '',
      ].join('\n'),
    );
    const child = spawn(PGBOUNCER, ['-u', 'postgres', join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
    bouncer.child = child;
    await eventually(() => bouncer.answers(), { timeoutMs: 10_000, what: `pgbouncer on port ${bouncer.port} (${bouncer.log()})` });
    return bouncer;
  }

  /** Transactions and queries it passed to `database` since it started. */
  async stats(database: string): Promise<PoolerStats> {
    const admin = new pg.Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'pgbouncer' });
    await admin.connect();
    try {
      // Without parameters pg uses the simple protocol, the only one the admin console speaks.
      const { rows } = await admin.query<{ database: string; total_xact_count: string; total_query_count: string }>('SHOW STATS');
      const row = rows.find((entry) => entry.database === database);
      return { transactions: Number(row?.total_xact_count ?? 0), queries: Number(row?.total_query_count ?? 0) };
    } finally {
      await admin.end();
    }
  }

  async destroy(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private log(): string {
    try {
      return readFileSync(join(this.dir, 'pgbouncer.log'), 'utf8').split('\n').slice(-5).join(' | ');
    } catch {
      return 'no log';
    }
  }

  private async answers(): Promise<boolean> {
    try {
      await this.stats('pgbouncer');
      return true;
    } catch {
      return false;
    }
  }
}
