import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A counter every access token carries: raising it (password change, deactivation) ends the agent's sessions. */
export class AgentSessionGeneration1764489600000 implements MigrationInterface {
  name = 'AgentSessionGeneration1764489600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE agents ADD COLUMN session_generation integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE agents DROP COLUMN session_generation`);
  }
}
