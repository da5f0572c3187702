import type { DataSource } from 'typeorm';
import { BatchCollector, entityFromRow, isRefusedData, runPrepared } from '@app/platform';
import { ChatConversationEntity } from './chat-conversation.entity.js';
import type { ChatEntryType } from './chat-entry.entity.js';
import type { ChatEntry } from './chat-protocol.js';
import type { NewChatEntry } from './chat-transcript.repository.js';

export type NewConversation = Pick<ChatConversationEntity, 'tokenHash' | 'startKey' | 'name' | 'email' | 'rfc'>;

// New conversations are written with their first entries (each customer's first message, number
// 1), all the starts that arrive together in one statement; a retransmitted start finds its
// conversation as it is and appends nothing.
const INSERT_ONCE = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
      AS start(token_hash, start_key, name, email, rfc, entry_type, source_key, payload)
  ), inserted AS (
    INSERT INTO chat_conversations (token_hash, start_key, name, email, rfc, last_seq, last_activity_at)
    SELECT token_hash, start_key, name, email, rfc, 1, now() FROM input
    ON CONFLICT DO NOTHING
    RETURNING *
  ), first_entry AS (
    INSERT INTO chat_entries (conversation_id, seq, type, source_key, payload)
    SELECT inserted.id, 1, input.entry_type, input.source_key, input.payload::jsonb FROM inserted JOIN input USING (start_key)
    RETURNING conversation_id, seq, type, payload
  )
  SELECT inserted.*, true AS is_new, first_entry.seq AS entry_seq, first_entry.type AS entry_type, first_entry.payload AS entry_payload
    FROM inserted JOIN first_entry ON first_entry.conversation_id = inserted.id
  UNION ALL
  SELECT stored.*, false AS is_new, NULL, NULL, NULL
    FROM chat_conversations stored JOIN input USING (start_key)
   WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.start_key = input.start_key)`;

type StartedRow = Record<string, unknown> & {
  start_key: string;
  is_new: boolean;
  entry_seq: number | null;
  entry_type: ChatEntryType | null;
  entry_payload: Record<string, unknown> | null;
};

export interface ConversationStart {
  conversation: NewConversation;
  firstEntry: NewChatEntry;
}

export interface StartedConversation {
  conversation: ChatConversationEntity;
  isNew: boolean;
  entry?: ChatEntry;
}

// The starts that arrive while the batch in flight is written share the next statement (as the
// inbound items do, InboundAcceptor): a lone start waits one event-loop turn; one that Postgres
// refuses fails alone.
const BATCH = { maxItems: 100, maxWaitMs: 0, maxConcurrentFlushes: 1, splitWhen: isRefusedData };

/** Chat conversations in Postgres: created once per start (with its first message), found again by the hash of their token. */
export class ChatConversationsRepository {
  private readonly starts = new BatchCollector<ConversationStart, StartedConversation>({ ...BATCH, flush: (starts) => this.insertEach(starts) });

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the conversation with its first entry unless its start key exists (a retransmitted
   * start); returns either, with the entry when it was written. Concurrent calls share a statement.
   */
  insertOnce(conversation: NewConversation, firstEntry: NewChatEntry): Promise<StartedConversation> {
    return this.starts.add({ conversation, firstEntry });
  }

  /**
   * One statement for the starts of distinct start keys; a key repeated among them (a start sent
   * twice at once) is written after it, and finds the conversation. A start retransmitted while the
   * first is still being inserted by another statement does not see that row in this statement's
   * snapshot, so it is read once more.
   */
  private async insertEach(starts: ConversationStart[]): Promise<StartedConversation[]> {
    const firsts = new Map<string, ConversationStart>();
    for (const start of starts) if (!firsts.has(start.conversation.startKey)) firsts.set(start.conversation.startKey, start);
    const written = await this.insertDistinct([...firsts.values()]);
    const results: StartedConversation[] = [];
    for (const start of starts) {
      const key = start.conversation.startKey;
      const first = firsts.get(key) === start;
      const found = first ? written.get(key) : undefined;
      results.push(found ?? { conversation: await this.dataSource.manager.findOneByOrFail(ChatConversationEntity, { startKey: key }), isNew: false });
    }
    return results;
  }

  private async insertDistinct(starts: ConversationStart[]): Promise<Map<string, StartedConversation>> {
    const column = <T>(pick: (start: ConversationStart) => T): T[] => starts.map(pick);
    const rows = await runPrepared<StartedRow>(this.dataSource.manager, INSERT_ONCE, [
      column((start) => start.conversation.tokenHash),
      column((start) => start.conversation.startKey),
      column((start) => start.conversation.name),
      column((start) => start.conversation.email),
      column((start) => start.conversation.rfc),
      column((start) => start.firstEntry.type),
      column((start) => start.firstEntry.sourceKey),
      column((start) => JSON.stringify(start.firstEntry.payload)),
    ]);
    return new Map(
      rows.map((row) => {
        const entry = row.entry_seq === null ? undefined : ({ ...row.entry_payload, seq: row.entry_seq, type: row.entry_type } as ChatEntry);
        const conversation = entityFromRow(this.dataSource, ChatConversationEntity, row);
        return [row.start_key, { conversation, isNew: row.is_new, ...(entry ? { entry } : {}) }];
      }),
    );
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
