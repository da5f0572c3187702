import type { QueryRunner } from 'typeorm';

/**
 * Builds an index without holding writes to its table for the build (a plain CREATE INDEX on a
 * year of tickets would stop the intake for seconds during a deploy). CONCURRENTLY cannot run in a
 * transaction, so the migration declares `transaction = false`. A build that failed halfway leaves
 * an invalid index behind: it is dropped first, so running the migration again builds it whole.
 */
export async function createIndexConcurrently(db: QueryRunner, name: string, definition: string): Promise<void> {
  await db.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
  await db.query(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
}
