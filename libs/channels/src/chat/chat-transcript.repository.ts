import { MoreThan, type DataSource } from 'typeorm';
import { ChatConversationEntity } from './chat-conversation.entity.js';
import { ChatEntryEntity, type ChatEntryType } from './chat-entry.entity.js';
import type { ChatEntry } from './chat-protocol.js';

export interface NewChatEntry {
  type: ChatEntryType;
  /** `client:<id>` or `message:<external id>`: the same source is stored once. */
  sourceKey: string;
  payload: Record<string, unknown>;
}

/**
 * The transcript the widget shows, numbered by one sequence per conversation. Appends lock the
 * conversation row, so numbers have no gaps and follow the order of the appends.
 */
const UNIQUE_VIOLATION = '23505';

interface AppendRow {
  seq: number;
  type: ChatEntryType;
  payload: Record<string, unknown>;
  is_new: boolean;
}

// The conversation's row lock (taken by the UPDATE) orders appends; an entry already stored for
// the source is returned as it is and numbers nothing.
const APPEND_IN_ONE_STATEMENT = `
  WITH existing AS (
    SELECT seq, type, payload FROM chat_entries WHERE conversation_id = $1 AND source_key = $2
  ), numbered AS (
    UPDATE chat_conversations SET last_seq = last_seq + 1, last_activity_at = now()
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM existing)
    RETURNING last_seq
  ), inserted AS (
    INSERT INTO chat_entries (conversation_id, seq, type, source_key, payload)
    SELECT $1, last_seq, $3, $2, $4 FROM numbered
    RETURNING seq, type, payload
  )
  SELECT seq, type, payload, true AS is_new FROM inserted
  UNION ALL
  SELECT seq, type, payload, false AS is_new FROM existing`;

export class ChatTranscriptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an entry, or returns the one already stored for the same source; null for an unknown
   * conversation. One statement on the hot path (a chat start appends twice: the customer's message
   * and the confirmation); two appends of one source at the same moment make it fail on the unique
   * source key without numbering anything, and the locked path below then finds the stored entry.
   */
  async append(conversationId: string, entry: NewChatEntry): Promise<{ entry: ChatEntry; isNew: boolean } | null> {
    try {
      const rows: AppendRow[] = await this.dataSource.query(APPEND_IN_ONE_STATEMENT, [conversationId, entry.sourceKey, entry.type, entry.payload]);
      const row = rows[0];
      if (!row) return null;
      return { entry: { ...row.payload, seq: row.seq, type: row.type } as ChatEntry, isNew: row.is_new };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return this.appendLocked(conversationId, entry);
    }
  }

  private appendLocked(conversationId: string, entry: NewChatEntry): Promise<{ entry: ChatEntry; isNew: boolean } | null> {
    return this.dataSource.transaction(async (em) => {
      const conversation = await em.findOne(ChatConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) return null;
      const existing = await em.findOneBy(ChatEntryEntity, { conversationId, sourceKey: entry.sourceKey });
      if (existing) return { entry: toChatEntry(existing), isNew: false };
      const seq = conversation.lastSeq + 1;
      await em.update(ChatConversationEntity, { id: conversationId }, { lastSeq: seq, lastActivityAt: new Date() });
      const saved = await em.save(ChatEntryEntity, em.create(ChatEntryEntity, { conversationId, seq, ...entry }));
      return { entry: toChatEntry(saved), isNew: true };
    });
  }

  /** Entries after `afterSeq`, oldest first. */
  async listAfter(conversationId: string, afterSeq: number, limit: number): Promise<ChatEntry[]> {
    const rows = await this.dataSource.manager.find(ChatEntryEntity, {
      where: { conversationId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toChatEntry);
  }
}

function toChatEntry(row: ChatEntryEntity): ChatEntry {
  return { ...row.payload, seq: row.seq, type: row.type } as ChatEntry;
}
