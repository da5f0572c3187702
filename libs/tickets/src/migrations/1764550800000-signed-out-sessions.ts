import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions signed out before their token expires, kept in Postgres as well as in Redis: Redis keeps
 * nothing on disk here, and a restart (or an emptied Redis) must not make a signed-out token valid
 * again. Gateways copy the rows back into Redis whenever their connection to it becomes ready.
 */
export class SignedOutSessions1764550800000 implements MigrationInterface {
  name = 'SignedOutSessions1764550800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE signed_out_sessions (
        session_id text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX signed_out_sessions_expiry_idx ON signed_out_sessions (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE signed_out_sessions`);
  }
}
