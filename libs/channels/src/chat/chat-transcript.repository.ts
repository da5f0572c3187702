import { BatchCollector, runPrepared, settle } from '@app/platform';
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

const UNIQUE_VIOLATION = '23505';

interface AppendRow {
  seq: number;
  type: ChatEntryType;
  payload: Record<string, unknown>;
  is_new: boolean;
}

/**
 * Appends an entry to each of several conversations (each once). The conversation's row lock orders
 * appends, and the rows are locked in id order first, so two such statements never wait for each
 * other in a cycle; an entry already stored for its source is returned as it is and numbers nothing.
 */
const APPEND_TO_MANY_IN_ONE_STATEMENT = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS i(conversation_id, source_key, type, payload)
  ), existing AS (
    SELECT i.conversation_id, e.seq, e.type, e.payload
      FROM input i JOIN chat_entries e ON e.conversation_id = i.conversation_id AND e.source_key = i.source_key
  ), locked AS (
    SELECT c.id FROM chat_conversations c
     WHERE c.id IN (SELECT conversation_id FROM input EXCEPT SELECT conversation_id FROM existing)
     ORDER BY c.id FOR UPDATE
  ), numbered AS (
    UPDATE chat_conversations c SET last_seq = c.last_seq + 1, last_activity_at = now()
      FROM locked WHERE c.id = locked.id
    RETURNING c.id, c.last_seq
  ), inserted AS (
    INSERT INTO chat_entries (conversation_id, seq, type, source_key, payload)
    SELECT i.conversation_id, n.last_seq, i.type, i.source_key, i.payload FROM numbered n JOIN input i ON i.conversation_id = n.id
    RETURNING conversation_id, seq, type, payload
  )
  SELECT conversation_id, seq, type, payload, true AS is_new FROM inserted
  UNION ALL
  SELECT conversation_id, seq, type, payload, false AS is_new FROM existing`;

type Appended = { entry: ChatEntry; isNew: boolean } | null;

interface Append {
  conversationId: string;
  entry: NewChatEntry;
}

/**
 * The transcript the widget shows, numbered by one sequence per conversation. Appends lock the
 * conversation row, so numbers have no gaps and follow the order of the appends.
 */
export class ChatTranscriptRepository {
  /** Appends of the same moment (a group's confirmations, busy customers) share one statement. */
  private readonly appends = new BatchCollector<Append, Appended>({
    maxItems: 64,
    maxWaitMs: 0,
    maxConcurrentFlushes: 2,
    flush: (batch) => this.appendBatch(batch),
  });

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an entry, or returns the one already stored for the same source; null for an unknown
   * conversation. One statement, shared with the other appends of the moment; two appends of one
   * source at the same moment make it fail on the unique source key without numbering anything, and
   * each of its entries is then appended alone, the locked path finding the stored one.
   */
  append(conversationId: string, entry: NewChatEntry): Promise<Appended> {
    return this.appends.add({ conversationId, entry });
  }

  /**
   * One statement for the first append of each conversation; a second append of a conversation in
   * the same batch goes after it, alone (entries of one conversation keep the order they came in).
   */
  private async appendBatch(batch: Append[]): Promise<Array<Appended | Error>> {
    const first = new Map<string, number>();
    for (const [index, { conversationId }] of batch.entries()) if (!first.has(conversationId)) first.set(conversationId, index);
    const results: Array<Appended | Error> = [];
    const together = [...first.values()].map((index) => batch[index]!);
    try {
      const appended = await this.appendToMany(together);
      for (const [conversationId, index] of first) results[index] = appended.get(conversationId) ?? null;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      for (const index of first.values()) results[index] = await settle(this.appendAlone(batch[index]!));
    }
    for (const [index, append] of batch.entries()) {
      if (first.get(append.conversationId) !== index) results[index] = await settle(this.appendAlone(append));
    }
    return results;
  }

  private async appendToMany(appends: Append[]): Promise<Map<string, Appended>> {
    const rows = await runPrepared<AppendRow & { conversation_id: string }>(this.dataSource.manager, APPEND_TO_MANY_IN_ONE_STATEMENT, [
      appends.map((append) => append.conversationId),
      appends.map((append) => append.entry.sourceKey),
      appends.map((append) => append.entry.type),
      appends.map((append) => JSON.stringify(append.entry.payload)),
    ]);
    return new Map(rows.map((row) => [row.conversation_id, appendedFromRow(row)]));
  }

  private async appendAlone(append: Append): Promise<Appended> {
    const { conversationId, entry } = append;
    try {
      return (await this.appendToMany([append])).get(conversationId) ?? null;
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

function appendedFromRow(row: AppendRow): Appended {
  return { entry: { ...row.payload, seq: row.seq, type: row.type } as ChatEntry, isNew: row.is_new };
}

function toChatEntry(row: ChatEntryEntity): ChatEntry {
  return { ...row.payload, seq: row.seq, type: row.type } as ChatEntry;
}
