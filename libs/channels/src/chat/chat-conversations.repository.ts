import type { DataSource } from 'typeorm';
import { entityFromRow, runPrepared } from '@app/platform';
import { ChatConversationEntity } from './chat-conversation.entity.js';
import type { ChatEntryType } from './chat-entry.entity.js';
import type { ChatEntry } from './chat-protocol.js';
import type { NewChatEntry } from './chat-transcript.repository.js';

export type NewConversation = Pick<ChatConversationEntity, 'tokenHash' | 'startKey' | 'name' | 'email' | 'rfc'>;

// A new conversation is written with its first entry (the customer's first message, number 1);
// a retransmitted start finds the conversation as it is and appends nothing.
const INSERT_ONCE = `
  WITH inserted AS (
    INSERT INTO chat_conversations (token_hash, start_key, name, email, rfc, last_seq, last_activity_at)
    VALUES ($1, $2, $3, $4, $5, 1, now())
    ON CONFLICT DO NOTHING
    RETURNING *
  ), first_entry AS (
    INSERT INTO chat_entries (conversation_id, seq, type, source_key, payload)
    SELECT id, 1, $6, $7, $8 FROM inserted
    RETURNING seq, type, payload
  )
  SELECT inserted.*, true AS is_new, first_entry.seq AS entry_seq, first_entry.type AS entry_type, first_entry.payload AS entry_payload
    FROM inserted, first_entry
  UNION ALL
  SELECT *, false AS is_new, NULL, NULL, NULL FROM chat_conversations WHERE start_key = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`;

/** Chat conversations in Postgres: created once per start (with its first message), found again by the hash of their token. */
export class ChatConversationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the conversation with its first entry unless its start key exists (a retransmitted
   * start); returns either, in one statement, with the entry when it was written. A start
   * retransmitted while the first is still being inserted does not see that row in the statement's
   * snapshot, so it is read once more.
   */
  async insertOnce(conversation: NewConversation, firstEntry: NewChatEntry): Promise<{ conversation: ChatConversationEntity; isNew: boolean; entry?: ChatEntry }> {
    const rows: Array<Record<string, unknown> & { is_new: boolean; entry_seq: number | null; entry_type: ChatEntryType | null; entry_payload: Record<string, unknown> | null }> =
      await runPrepared(this.dataSource.manager, INSERT_ONCE, [
        conversation.tokenHash,
        conversation.startKey,
        conversation.name,
        conversation.email,
        conversation.rfc,
        firstEntry.type,
        firstEntry.sourceKey,
        firstEntry.payload,
      ]);
    const row = rows[0];
    if (row) {
      const entry = row.entry_seq === null ? undefined : ({ ...row.entry_payload, seq: row.entry_seq, type: row.entry_type } as ChatEntry);
      return { conversation: entityFromRow(this.dataSource, ChatConversationEntity, row), isNew: row.is_new, ...(entry ? { entry } : {}) };
    }
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
