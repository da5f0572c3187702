import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SLA timers and alerts, status-update schedule, maintenance windows and their notices, health samples. */
export class SlaMaintenanceAvailability1764478800000 implements MigrationInterface {
  name = 'SlaMaintenanceAvailability1764478800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tickets
        ADD COLUMN attention_risk_at timestamptz,
        ADD COLUMN solution_risk_at timestamptz,
        ADD COLUMN next_update_due_at timestamptz,
        ADD COLUMN sla_explanation text,
        ADD COLUMN progress_note text,
        ADD COLUMN progress_note_at timestamptz`);
    await db.query(`
      UPDATE tickets SET attention_risk_at = created_at + (attention_due_at - created_at) * 0.75,
                         solution_risk_at = created_at + (solution_due_at - created_at) * 0.75`);
    await db.query(`ALTER TABLE tickets ALTER COLUMN attention_risk_at SET NOT NULL, ALTER COLUMN solution_risk_at SET NOT NULL`);

    // Each alert (at risk, breached, status update owed) fires once per ticket and due moment.
    await db.query(`
      CREATE TABLE sla_alerts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        fired_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (ticket_id, kind, due_at)
      )`);
    await db.query(`CREATE INDEX sla_alerts_fired_idx ON sla_alerts (kind, fired_at)`);

    await db.query(`
      CREATE TABLE maintenance_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        description text NOT NULL,
        created_by uuid REFERENCES agents (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        reminder_sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX maintenance_windows_time_idx ON maintenance_windows (starts_at, ends_at) WHERE cancelled_at IS NULL`);

    // Outbox of maintenance mails to customers (not tied to one ticket).
    await db.query(`
      CREATE TABLE maintenance_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        window_id uuid NOT NULL REFERENCES maintenance_windows (id),
        kind text NOT NULL CHECK (kind IN ('announcement', 'reminder', 'cancellation')),
        recipient text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'held')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (window_id, kind, recipient)
      )`);
    await db.query(`CREATE INDEX maintenance_notices_pending_idx ON maintenance_notices (created_at) WHERE status = 'pending'`);

    // One row per minute and component: the base of the monthly availability report.
    await db.query(`
      CREATE TABLE health_samples (
        minute timestamptz NOT NULL,
        component text NOT NULL,
        ok boolean NOT NULL,
        detail text,
        PRIMARY KEY (minute, component)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['health_samples', 'maintenance_notices', 'maintenance_windows', 'sla_alerts']) await db.query(`DROP TABLE ${table}`);
    await db.query(`
      ALTER TABLE tickets DROP COLUMN attention_risk_at, DROP COLUMN solution_risk_at, DROP COLUMN next_update_due_at,
        DROP COLUMN sla_explanation, DROP COLUMN progress_note, DROP COLUMN progress_note_at`);
  }
}
