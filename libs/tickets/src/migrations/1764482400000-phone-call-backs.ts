import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When an agent called the customer back about a missed call; the ticket's flag counts only the unanswered ones. */
export class PhoneCallBacks1764482400000 implements MigrationInterface {
  name = 'PhoneCallBacks1764482400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE phone_calls ADD COLUMN called_back_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE phone_calls DROP COLUMN called_back_at`);
  }
}
