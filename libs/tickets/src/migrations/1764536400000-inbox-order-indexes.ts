import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's two orders, indexed: most urgent first (open before closed, then severity, then the
 * solution deadline: the expression `TicketsRepository.list` sorts by) and newest first. Without
 * them every page sorted every ticket ever filed: 169 ms for the first page at 100,000 past tickets
 * (the bench's BENCH_HISTORY), growing with the history; 0.3 ms with them.
 */
export class InboxOrderIndexes1764536400000 implements MigrationInterface {
  name = 'InboxOrderIndexes1764536400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX tickets_urgency_idx ON tickets ((CASE WHEN status NOT IN ('resolved', 'merged') THEN 0 ELSE 1 END), severity, solution_due_at)`,
    );
    await db.query(`CREATE INDEX tickets_created_idx ON tickets (created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tickets_created_idx`);
    await db.query(`DROP INDEX tickets_urgency_idx`);
  }
}
