import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Canned responses and macros, shared by every agent and managed by administrators. */
export class CannedResponses1764499200000 implements MigrationInterface {
  name = 'CannedResponses1764499200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        body text NOT NULL,
        set_status text CHECK (set_status IN ('open', 'waiting_customer', 'resolved')),
        set_severity smallint CHECK (set_severity BETWEEN 0 AND 3),
        created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX canned_responses_title ON canned_responses (lower(title))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE canned_responses`);
  }
}
