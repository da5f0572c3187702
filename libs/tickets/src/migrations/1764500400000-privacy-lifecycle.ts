import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data lifecycle (LFPDPPP): an append-only audit log of who exported or erased whose data and what
 * retention removed; erased contacts keep their row (tickets still count for the SLA) with the
 * moment they were erased; the ticket log lets personal data inside its entries be redacted, inside
 * a transaction that asks for it, while the entries themselves stay; indexes the lifecycle reads by.
 */
export class PrivacyLifecycle1764500400000 implements MigrationInterface {
  name = 'PrivacyLifecycle1764500400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contacts ADD COLUMN erased_at timestamptz`);
    await db.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('agent', 'system')),
        actor_id uuid,
        actor_name text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, id)`);
    // Evidence of what was done with personal data: nobody edits or removes it, an erasure included.
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    // An entry's data may be redacted (erasure, retention) when the transaction sets
    // ventanilla.redacting; what happened, to which ticket, by whom and when never changes.
    await db.query(`
      CREATE OR REPLACE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('ventanilla.redacting', true) = 'on'
           AND NEW.id = OLD.id AND NEW.ticket_id = OLD.ticket_id AND NEW.type = OLD.type
           AND NEW.actor_type = OLD.actor_type AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
           AND NEW.created_at = OLD.created_at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'ticket_events is append-only';
      END $$`);
    await db.query(`CREATE INDEX inbound_items_ticket_idx ON inbound_items (ticket_id) WHERE ticket_id IS NOT NULL`);
    await db.query(`CREATE INDEX tickets_resolved_idx ON tickets (resolved_at) WHERE status = 'resolved'`);
    await db.query(`CREATE INDEX messages_author_contact_idx ON messages (author_contact_id) WHERE author_contact_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX messages_author_contact_idx`);
    await db.query(`DROP INDEX tickets_resolved_idx`);
    await db.query(`DROP INDEX inbound_items_ticket_idx`);
    await db.query(`
      CREATE OR REPLACE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ticket_events is append-only'; END $$`);
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
    await db.query(`ALTER TABLE contacts DROP COLUMN erased_at`);
  }
}
