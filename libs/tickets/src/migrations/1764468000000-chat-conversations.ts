import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Live chat: conversations (resumed by a token, of which only a hash is kept) and their transcript. */
export class ChatConversations1764468000000 implements MigrationInterface {
  name = 'ChatConversations1764468000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE chat_conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        start_key text NOT NULL UNIQUE,
        name text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        rfc text,
        last_seq integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One sequence per conversation orders everything the widget shows; `source_key` (a client
    // message id, or the id of one of our messages) makes every append idempotent.
    await db.query(`
      CREATE TABLE chat_entries (
        conversation_id uuid NOT NULL REFERENCES chat_conversations (id),
        seq integer NOT NULL CHECK (seq > 0),
        type text NOT NULL CHECK (type IN ('customer:message', 'ticket:confirmed', 'agent:message')),
        source_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, seq),
        UNIQUE (conversation_id, source_key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE chat_entries`);
    await db.query(`DROP TABLE chat_conversations`);
  }
}
