import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintenance notices by SMS too: a customer known only by their phone number (a caller, a texter)
 * was never told of a maintenance window. Each notice says on which channel it goes. A constant
 * default: no table rewrite.
 */
export class MaintenanceNoticesBySms1764554400000 implements MigrationInterface {
  name = 'MaintenanceNoticesBySms1764554400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE maintenance_notices ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'phone'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM maintenance_notices WHERE channel = 'phone'`);
    await db.query(`ALTER TABLE maintenance_notices DROP COLUMN channel`);
  }
}
