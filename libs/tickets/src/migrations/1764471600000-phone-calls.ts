import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per phone call (what its callbacks told us), and the "call the customer back" flag on tickets. */
export class PhoneCalls1764471600000 implements MigrationInterface {
  name = 'PhoneCalls1764471600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE phone_calls (
        call_sid text PRIMARY KEY,
        caller text,
        called text,
        ticket_id uuid REFERENCES tickets (id),
        message_id uuid REFERENCES messages (id),
        choice jsonb,
        recording_sid text,
        recording_url text,
        recording_duration_seconds integer,
        recording_status text,
        transcription_sid text,
        transcription_text text,
        transcription_status text,
        call_status text,
        call_duration_seconds integer,
        ended_at timestamptz,
        missed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX phone_calls_ticket_idx ON phone_calls (ticket_id)`);
    await db.query(`ALTER TABLE tickets ADD COLUMN callback_requested boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP COLUMN callback_requested`);
    await db.query(`DROP TABLE phone_calls`);
  }
}
