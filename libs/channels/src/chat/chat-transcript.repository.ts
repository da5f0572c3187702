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
export class ChatTranscriptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends an entry, or returns the one already stored for the same source; null for an unknown conversation. */
  append(conversationId: string, entry: NewChatEntry): Promise<{ entry: ChatEntry; isNew: boolean } | null> {
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
