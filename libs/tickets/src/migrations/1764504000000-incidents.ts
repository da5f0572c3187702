import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outage mode: incidents that many tickets report, the links (with why each was made), and the
 * updates posted once for all of them with the delivery each linked customer got.
 */
export class Incidents1764504000000 implements MigrationInterface {
  name = 'Incidents1764504000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        status text NOT NULL CHECK (status IN ('suspected', 'open', 'resolved')),
        severity smallint NOT NULL CHECK (severity BETWEEN 0 AND 3),
        opened_at timestamptz NOT NULL DEFAULT now(),
        opened_by uuid REFERENCES agents(id) ON DELETE SET NULL,
        detection_reason text,
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES agents(id) ON DELETE SET NULL,
        resolved_at timestamptz,
        resolution text,
        counts_as_downtime boolean NOT NULL DEFAULT false,
        next_update_due_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX incidents_live ON incidents (opened_at DESC) WHERE status <> 'resolved'`);
    await db.query(`
      CREATE TABLE incident_tickets (
        ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
        incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL DEFAULT now(),
        linked_by uuid REFERENCES agents(id) ON DELETE SET NULL,
        reason text NOT NULL,
        score real
      )`);
    await db.query(`CREATE INDEX incident_tickets_incident ON incident_tickets (incident_id, linked_at)`);
    await db.query(`
      CREATE TABLE incident_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('update', 'resolution')),
        body text NOT NULL,
        author_id uuid REFERENCES agents(id) ON DELETE SET NULL,
        author_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX incident_updates_incident ON incident_updates (incident_id, created_at)`);
    await db.query(`
      CREATE TABLE incident_update_recipients (
        update_id uuid NOT NULL REFERENCES incident_updates(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        channel text NOT NULL,
        delivery_id uuid REFERENCES outbound_deliveries(id) ON DELETE SET NULL,
        suppressed_reason text,
        PRIMARY KEY (update_id, ticket_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE incident_update_recipients, incident_updates, incident_tickets, incidents`);
  }
}
