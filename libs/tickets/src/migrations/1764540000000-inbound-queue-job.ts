import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The intake job that carries each stored item. A gateway queues the items it stores together as
 * one job under an id drawn for it; the recovery sweep queues an item again under that same id, so
 * that an item whose job still waits is not queued twice. Items stored before have none: their job's
 * id is derived from their own (`singleIngestJobId`). A nullable column without a default: adding it
 * rewrites nothing.
 */
export class InboundQueueJob1764540000000 implements MigrationInterface {
  name = 'InboundQueueJob1764540000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inbound_items ADD COLUMN IF NOT EXISTS queue_job_id text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inbound_items DROP COLUMN IF EXISTS queue_job_id`);
  }
}
