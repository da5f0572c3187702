import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One satisfaction survey per resolved ticket: who solved it (agent, tier), on which channel, and the
 * answer; the chat transcript takes survey requests (the widget's rating buttons).
 */
export class SatisfactionSurveys1764511200000 implements MigrationInterface {
  name = 'SatisfactionSurveys1764511200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE satisfaction_surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
        channel text NOT NULL,
        tier text NOT NULL,
        agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
        message_id uuid,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        comment text,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX satisfaction_surveys_created ON satisfaction_surveys (created_at)`);
    await db.query(`CREATE INDEX satisfaction_surveys_message ON satisfaction_surveys (message_id)`);
    await db.query(`ALTER TABLE chat_entries DROP CONSTRAINT chat_entries_type_check`);
    await db.query(
      `ALTER TABLE chat_entries ADD CONSTRAINT chat_entries_type_check CHECK (type IN ('customer:message', 'ticket:confirmed', 'agent:message', 'survey:request'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM chat_entries WHERE type = 'survey:request'`);
    await db.query(`ALTER TABLE chat_entries DROP CONSTRAINT chat_entries_type_check`);
    await db.query(`ALTER TABLE chat_entries ADD CONSTRAINT chat_entries_type_check CHECK (type IN ('customer:message', 'ticket:confirmed', 'agent:message'))`);
    await db.query(`DROP TABLE satisfaction_surveys`);
  }
}
