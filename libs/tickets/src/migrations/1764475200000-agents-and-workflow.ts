import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agents, assignment, merging, secrets kept by the app, and Spanish full-text search. */
export class AgentsAndWorkflow1764475200000 implements MigrationInterface {
  name = 'AgentsAndWorkflow1764475200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        tier text NOT NULL CHECK (tier IN ('L1', 'L2', 'L3')),
        role text NOT NULL CHECK (role IN ('agent', 'admin')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`ALTER TABLE tickets ADD COLUMN assignee_id uuid REFERENCES agents (id)`);
    await db.query(`ALTER TABLE tickets ADD COLUMN merged_into_id uuid REFERENCES tickets (id)`);
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_status_check`);
    await db.query(`
      ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
        CHECK (status IN ('new', 'open', 'waiting_customer', 'pending_release', 'resolved', 'merged'))`);
    await db.query(`ALTER TABLE messages ADD COLUMN author_agent_id uuid REFERENCES agents (id)`);

    // Secrets the app generates for itself (the token signing key) so every gateway shares them.
    await db.query(`
      CREATE TABLE app_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Spanish stemming: "facturas" finds "factura", "timbrando" finds "timbrar".
    await db.query(`
      ALTER TABLE tickets ADD COLUMN search tsvector
        GENERATED ALWAYS AS (to_tsvector('spanish', number || ' ' || subject)) STORED`);
    await db.query(`CREATE INDEX tickets_search_idx ON tickets USING gin (search)`);
    await db.query(`
      ALTER TABLE messages ADD COLUMN search tsvector
        GENERATED ALWAYS AS (to_tsvector('spanish', left(coalesce(subject, '') || ' ' || text, 200000))) STORED`);
    await db.query(`CREATE INDEX messages_search_idx ON messages USING gin (search)`);
    await db.query(`CREATE INDEX tickets_assignee_idx ON tickets (assignee_id) WHERE assignee_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tickets_assignee_idx`);
    await db.query(`ALTER TABLE messages DROP COLUMN search`);
    await db.query(`ALTER TABLE tickets DROP COLUMN search`);
    await db.query(`DROP TABLE app_secrets`);
    await db.query(`ALTER TABLE messages DROP COLUMN author_agent_id`);
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_status_check`);
    await db.query(`
      ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
        CHECK (status IN ('new', 'open', 'waiting_customer', 'pending_release', 'resolved'))`);
    await db.query(`ALTER TABLE tickets DROP COLUMN merged_into_id`);
    await db.query(`ALTER TABLE tickets DROP COLUMN assignee_id`);
    await db.query(`DROP TABLE agents`);
  }
}
