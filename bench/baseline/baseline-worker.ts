import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { BASELINE_QUEUES, baselineSettings } from './baseline-config.js';

/**
 * The bare baseline's back: a worker inserts one row with raw SQL and adds a confirmation job; a
 * second worker "sends" it with an HTTP POST to the benchmark's sink.
 */
const settings = baselineSettings(process.env);
const connection = { url: settings.redisUrl };
const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: settings.concurrency });
const confirmations = new Queue(BASELINE_QUEUES.confirm, { connection, prefix: settings.prefix });

const intake = new Worker<{ id: string }>(
  BASELINE_QUEUES.intake,
  async (job) => {
    await pool.query('INSERT INTO baseline_events (id) VALUES ($1)', [job.data.id]);
    await confirmations.add('confirm', { id: job.data.id }, { removeOnComplete: true, removeOnFail: true });
  },
  { connection, prefix: settings.prefix, concurrency: settings.concurrency },
);
const confirm = new Worker<{ id: string }>(
  BASELINE_QUEUES.confirm,
  async (job) => {
    const response = await fetch(settings.sinkUrl, { method: 'POST', body: job.data.id });
    if (!response.ok) throw new Error(`sink answered ${response.status}`);
  },
  { connection, prefix: settings.prefix, concurrency: settings.concurrency },
);

await pool.query('CREATE TABLE IF NOT EXISTS baseline_events (id text PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())');
console.log('baseline worker ready');
process.on('SIGTERM', () => {
  void Promise.all([intake.close(), confirm.close(), confirmations.close(), pool.end()]).then(() => process.exit(0));
});
