import type { DataSource } from 'typeorm';
import { entityFromRow } from '@app/platform';
import { ChatConversationEntity } from './chat-conversation.entity.js';

export type NewConversation = Pick<ChatConversationEntity, 'tokenHash' | 'startKey' | 'name' | 'email' | 'rfc'>;

const INSERT_ONCE = `
  WITH inserted AS (
    INSERT INTO chat_conversations (token_hash, start_key, name, email, rfc, last_activity_at)
    VALUES ($1, $2, $3, $4, $5, now())
    ON CONFLICT DO NOTHING
    RETURNING *
  )
  SELECT *, true AS is_new FROM inserted
  UNION ALL
  SELECT *, false AS is_new FROM chat_conversations WHERE start_key = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`;

/** Chat conversations in Postgres: created once per start, found again by the hash of their token. */
export class ChatConversationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the conversation unless its start key exists (a retransmitted start); returns either,
   * in one statement. A start retransmitted while the first is still being inserted does not see
   * that row in the statement's snapshot, so it is read once more.
   */
  async insertOnce(conversation: NewConversation): Promise<{ conversation: ChatConversationEntity; isNew: boolean }> {
    const rows: Array<Record<string, unknown> & { is_new: boolean }> = await this.dataSource.query(INSERT_ONCE, [
      conversation.tokenHash,
      conversation.startKey,
      conversation.name,
      conversation.email,
      conversation.rfc,
    ]);
    if (rows[0]) return { conversation: entityFromRow(this.dataSource, ChatConversationEntity, rows[0]), isNew: rows[0].is_new };
    const stored = await this.dataSource.manager.findOneByOrFail(ChatConversationEntity, { startKey: conversation.startKey });
    return { conversation: stored, isNew: false };
  }

  findByTokenHash(tokenHash: string): Promise<ChatConversationEntity | null> {
    return this.dataSource.manager.findOneBy(ChatConversationEntity, { tokenHash });
  }

  findById(id: string): Promise<ChatConversationEntity | null> {
    return this.dataSource.manager.findOneBy(ChatConversationEntity, { id });
  }

  async replaceToken(id: string, tokenHash: string): Promise<void> {
    await this.dataSource.manager.update(ChatConversationEntity, { id }, { tokenHash });
  }
}
