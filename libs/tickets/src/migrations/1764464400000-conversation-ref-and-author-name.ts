import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a ticket's conversation lives on its channel (chat conversation, call), and who wrote a message. */
export class ConversationRefAndAuthorName1764464400000 implements MigrationInterface {
  name = 'ConversationRefAndAuthorName1764464400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets ADD COLUMN conversation_ref text`);
    await db.query(`CREATE UNIQUE INDEX tickets_conversation_ref_key ON tickets (channel, conversation_ref) WHERE conversation_ref IS NOT NULL`);
    await db.query(`ALTER TABLE messages ADD COLUMN author_name text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE messages DROP COLUMN author_name`);
    await db.query(`DROP INDEX tickets_conversation_ref_key`);
    await db.query(`ALTER TABLE tickets DROP COLUMN conversation_ref`);
  }
}
