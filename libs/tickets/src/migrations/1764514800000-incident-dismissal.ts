import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A suspected incident agents dismiss as a false alarm: it keeps its status (`suspected`, never
 * confirmed) and its links as history, and leaves every live view. Only a suspected incident can be
 * dismissed; the live index leaves dismissed ones out as it leaves out resolved ones.
 */
export class IncidentDismissal1764514800000 implements MigrationInterface {
  name = 'IncidentDismissal1764514800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE incidents
        ADD COLUMN dismissed_at timestamptz,
        ADD COLUMN dismissed_by uuid REFERENCES agents(id) ON DELETE SET NULL,
        ADD COLUMN dismiss_reason text,
        ADD CONSTRAINT incidents_dismissed_suspected CHECK (dismissed_at IS NULL OR status = 'suspected')`);
    await db.query(`DROP INDEX incidents_live`);
    await db.query(`CREATE INDEX incidents_live ON incidents (opened_at DESC) WHERE status <> 'resolved' AND dismissed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX incidents_live`);
    await db.query(`CREATE INDEX incidents_live ON incidents (opened_at DESC) WHERE status <> 'resolved'`);
    await db.query(`ALTER TABLE incidents DROP CONSTRAINT incidents_dismissed_suspected, DROP COLUMN dismissed_at, DROP COLUMN dismissed_by, DROP COLUMN dismiss_reason`);
  }
}
