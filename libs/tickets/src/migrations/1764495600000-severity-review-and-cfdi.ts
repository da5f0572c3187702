import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Severity v2: what the classifier proposed (confidence, model version, whether L1 should review it),
 * the examples agents' decisions make for the next training, and each ticket's CFDI details
 * (searchable by UUID and RFC).
 */
export class SeverityReviewAndCfdi1764495600000 implements MigrationInterface {
  name = 'SeverityReviewAndCfdi1764495600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tickets
        ADD COLUMN severity_confidence real,
        ADD COLUMN severity_model_version text,
        ADD COLUMN severity_review boolean NOT NULL DEFAULT false,
        ADD COLUMN cfdi jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`CREATE INDEX tickets_severity_review ON tickets (created_at DESC) WHERE severity_review`);
    await db.query(`CREATE INDEX tickets_cfdi_uuid ON tickets USING gin ((cfdi -> 'uuid'))`);
    await db.query(`CREATE INDEX tickets_cfdi_rfc ON tickets USING gin ((cfdi -> 'rfc'))`);
    await db.query(`
      CREATE TABLE severity_examples (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        channel text NOT NULL,
        subject text,
        text text NOT NULL,
        proposed smallint,
        decided smallint NOT NULL,
        agent_id uuid,
        agent_name text NOT NULL,
        model_version text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX severity_examples_created ON severity_examples (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE severity_examples`);
    await db.query(`ALTER TABLE tickets DROP COLUMN severity_confidence, DROP COLUMN severity_model_version, DROP COLUMN severity_review, DROP COLUMN cfdi`);
  }
}
