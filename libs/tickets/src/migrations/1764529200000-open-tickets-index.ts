import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from './create-index-concurrently.js';

/**
 * Open tickets by creation: the SLA schedule (every 30 s), the SLA exposure counts and the open
 * tickets' ids read only open tickets, and without this index each read scanned every ticket ever
 * filed (28 ms at 100,000 past tickets, growing with the history; the bench's BENCH_HISTORY).
 * Its predicate is the queries' own `status NOT IN ('resolved', 'merged')`, so the planner can prove
 * they need only its rows. Built concurrently, outside a transaction: see `createIndexConcurrently`.
 */
export class OpenTicketsIndex1764529200000 implements MigrationInterface {
  name = 'OpenTicketsIndex1764529200000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await createIndexConcurrently(db, 'tickets_open_idx', `tickets (created_at) WHERE status NOT IN ('resolved', 'merged')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS tickets_open_idx`);
  }
}
