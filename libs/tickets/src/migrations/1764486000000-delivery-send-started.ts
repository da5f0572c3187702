import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When the first attempt of a delivery began: a later attempt knows an earlier one may have reached the provider. */
export class DeliverySendStarted1764486000000 implements MigrationInterface {
  name = 'DeliverySendStarted1764486000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbound_deliveries ADD COLUMN send_started_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbound_deliveries DROP COLUMN send_started_at`);
  }
}
