import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from './create-index-concurrently.js';

/**
 * The inbox's two orders, indexed: most urgent first (open before closed, then severity, then the
 * solution deadline: the expression `TicketsRepository.list` sorts by) and newest first. Without
 * them every page sorted every ticket ever filed: 169 ms for the first page at 100,000 past tickets
 * (the bench's BENCH_HISTORY), growing with the history; 0.3 ms with them. Built concurrently,
 * outside a transaction: see `createIndexConcurrently`.
 */
export class InboxOrderIndexes1764536400000 implements MigrationInterface {
  name = 'InboxOrderIndexes1764536400000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await createIndexConcurrently(db, 'tickets_urgency_idx', `tickets ((CASE WHEN status NOT IN ('resolved', 'merged') THEN 0 ELSE 1 END), severity, solution_due_at)`);
    await createIndexConcurrently(db, 'tickets_created_idx', `tickets (created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS tickets_created_idx`);
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS tickets_urgency_idx`);
  }
}
