import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contacts, tickets, messages, attachments, the event log, the raw inbound store and the outbox. */
export class InitialSchema1764460800000 implements MigrationInterface {
  name = 'InitialSchema1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    // Ticket numbers come from a sequence so they are unique and never reused, even after a rollback.
    await db.query(`CREATE SEQUENCE ticket_number_seq START 1`);
    await db.query(`
      CREATE FUNCTION next_ticket_number() RETURNS text LANGUAGE sql AS
      $$ SELECT 'IF-' || lpad(nextval('ticket_number_seq')::text, 6, '0') $$`);

    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text,
        email text CHECK (email = lower(email)),
        phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        rfc text,
        email_undeliverable_at timestamptz,
        email_undeliverable_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX contacts_email_key ON contacts (email) WHERE email IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX contacts_phone_key ON contacts (phone) WHERE phone IS NOT NULL`);

    await db.query(`
      CREATE TABLE inbound_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone')),
        dedupe_key text NOT NULL,
        source_ref text,
        raw bytea,
        size_bytes integer NOT NULL,
        summary jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('pending', 'done', 'skipped', 'rejected', 'failed')),
        outcome text,
        ticket_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        UNIQUE (channel, dedupe_key)
      )`);
    await db.query(`CREATE INDEX inbound_items_pending_idx ON inbound_items (received_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX inbound_items_status_idx ON inbound_items (status, received_at DESC)`);

    await db.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE DEFAULT next_ticket_number(),
        channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone')),
        subject text NOT NULL DEFAULT '',
        severity smallint NOT NULL CHECK (severity BETWEEN 0 AND 3),
        severity_source text NOT NULL CHECK (severity_source IN ('auto', 'customer', 'agent')),
        severity_reasons jsonb NOT NULL DEFAULT '[]',
        tier text NOT NULL DEFAULT 'L1' CHECK (tier IN ('L1', 'L2', 'L3')),
        status text NOT NULL DEFAULT 'new'
          CHECK (status IN ('new', 'open', 'waiting_customer', 'pending_release', 'resolved')),
        contact_id uuid NOT NULL REFERENCES contacts (id),
        source_inbound_id uuid UNIQUE REFERENCES inbound_items (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        attention_due_at timestamptz NOT NULL,
        solution_due_at timestamptz NOT NULL,
        first_response_at timestamptz,
        resolved_at timestamptz,
        last_customer_message_at timestamptz
      )`);
    await db.query(`CREATE INDEX tickets_contact_idx ON tickets (contact_id, created_at DESC)`);
    await db.query(`CREATE INDEX tickets_listing_idx ON tickets (status, severity, created_at DESC)`);
    await db.query(`ALTER TABLE inbound_items ADD FOREIGN KEY (ticket_id) REFERENCES tickets (id)`);

    await db.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone')),
        external_id text NOT NULL,
        author_type text NOT NULL CHECK (author_type IN ('contact', 'agent', 'system')),
        author_contact_id uuid REFERENCES contacts (id),
        from_address text,
        internal boolean NOT NULL DEFAULT false,
        automated boolean NOT NULL DEFAULT false,
        subject text,
        text text NOT NULL DEFAULT '',
        html_sanitized text,
        thread_refs jsonb NOT NULL DEFAULT '[]',
        inbound_item_id uuid REFERENCES inbound_items (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, external_id)
      )`);
    await db.query(`CREATE INDEX messages_ticket_idx ON messages (ticket_id, created_at)`);

    await db.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES messages (id),
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        content_id text,
        inline boolean NOT NULL DEFAULT false,
        sha256 text,
        content bytea,
        omitted_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX attachments_message_idx ON attachments (message_id)`);

    await db.query(`
      CREATE TABLE ticket_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        type text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('contact', 'agent', 'system')),
        actor_id text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id)`);
    // The log is append-only: history is evidence for the SLA, so no one edits it afterwards.
    await db.query(`
      CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ticket_events is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER ticket_events_no_change BEFORE UPDATE OR DELETE ON ticket_events
      FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only()`);

    await db.query(`
      CREATE TABLE outbound_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        message_id uuid NOT NULL REFERENCES messages (id),
        channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone')),
        kind text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        recipient text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'held')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbound_pending_idx ON outbound_deliveries (created_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX outbound_recipient_idx ON outbound_deliveries (recipient, kind, created_at)`);

    await db.query(`
      CREATE TABLE intake_cursors (
        source text PRIMARY KEY,
        cursor jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['intake_cursors', 'outbound_deliveries', 'ticket_events', 'attachments', 'messages']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`ALTER TABLE inbound_items DROP CONSTRAINT IF EXISTS inbound_items_ticket_id_fkey`);
    for (const table of ['tickets', 'inbound_items', 'contacts']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION ticket_events_append_only()`);
    await db.query(`DROP FUNCTION next_ticket_number()`);
    await db.query(`DROP SEQUENCE ticket_number_seq`);
  }
}
