import { Redis } from 'ioredis';
import pg from 'pg';
import { migrate } from '../../libs/tickets/src/database/migrate.js';
import { ADMIN } from './api-client.js';

export const SUPPORT_EMAIL = 'portalgratuito@interfactura.com';

/**
 * The stores of one test suite: its own database (migrated, emptied) and its own Redis database and
 * key prefix, so tests never touch a running system. VENTANILLA_TEST_DB / VENTANILLA_TEST_REDIS_DB
 * let two checkouts run their tests side by side.
 */
export class TestEnvironment {
  // Read when a suite starts (not at import), so a runner can choose its stores first.
  readonly databaseUrl = `postgres://postgres@127.0.0.1:5432/${process.env.VENTANILLA_TEST_DB ?? 'ventanilla_test'}`;
  readonly redisUrl = `redis://127.0.0.1:6379/${process.env.VENTANILLA_TEST_REDIS_DB ?? '9'}`;
  readonly db: pg.Pool;
  readonly redis: Redis;

  private constructor(readonly queuePrefix: string) {
    this.db = new pg.Pool({ connectionString: this.databaseUrl, max: 3 });
    this.redis = new Redis(this.redisUrl, { lazyConnect: false });
  }

  static async create(suite: string): Promise<TestEnvironment> {
    const env = new TestEnvironment(`vt-${suite}-${process.pid}`);
    await migrate(env.databaseUrl);
    await env.reset();
    return env;
  }

  async reset(): Promise<void> {
    const { rows } = await this.db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    await this.db.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} CASCADE`);
    await this.flushRedis();
  }

  /** Empties this suite's Redis database, as a Redis restart without persistence would. */
  async flushRedis(): Promise<void> {
    await this.redis.flushdb();
  }

  /** Environment for a gateway or worker process of this suite; fast timers so recovery shows quickly. */
  processEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.queuePrefix,
      SUPPORT_EMAIL,
      PUBLIC_BASE_URL: 'http://localhost:3000',
      SWEEP_INTERVAL_MS: '500',
      SWEEP_GRACE_MS: '1000',
      JOB_LOCK_MS: '3000',
      // A send cut off by a crash is retried this soon; tests' sends take milliseconds.
      SEND_LEASE_MS: '6000',
      IMAP_POLL_INTERVAL_MS: '1000',
      IMAP_COMMAND_TIMEOUT_MS: '3000',
      LOG_FORMAT: 'text',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // Every test customer chats from 127.0.0.1; the security suite sets its own limit to test it.
      CHAT_STARTS_PER_IP_PER_HOUR: '0',
      ...extra,
    };
  }

  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  async close(): Promise<void> {
    await this.db.end();
    this.redis.disconnect();
  }
}
