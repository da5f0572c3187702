import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until when a begun send is taken to be still running (a lease): no other process sends the same
 * delivery before then, and the recovery sweep leaves it alone. A failed attempt clears it, so the
 * queue's retry need not wait. A nullable column without a default: adding it rewrites nothing.
 */
export class DeliverySendLease1764543600000 implements MigrationInterface {
  name = 'DeliverySendLease1764543600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbound_deliveries ADD COLUMN IF NOT EXISTS sending_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbound_deliveries DROP COLUMN IF EXISTS sending_until`);
  }
}
