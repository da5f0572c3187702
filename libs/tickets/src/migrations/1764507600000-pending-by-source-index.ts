import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending items by their source: the intake asks, for every chat message, whether earlier ones of
 * the same conversation still wait. Without it the answer came from the pending items by arrival,
 * every pending item older than the message read and filtered: under a backlog, thousands per message.
 */
export class PendingBySourceIndex1764507600000 implements MigrationInterface {
  name = 'PendingBySourceIndex1764507600000';

  async up(db: QueryRunner): Promise<void> {
    // IF NOT EXISTS: a database that ran this index under the migration's earlier name already has it.
    await db.query(`CREATE INDEX IF NOT EXISTS inbound_items_pending_source_idx ON inbound_items (channel, source_ref, received_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS inbound_items_pending_source_idx`);
  }
}
