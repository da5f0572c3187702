import type { DataSource, EntityManager } from 'typeorm';
import type { ChannelPersonalData, PersonalDataScope, PersonalIdentifiers, PersonalRows } from '../contract/personal-data.js';

/** What a transcript line says once its author's data is erased. */
export const ERASED_CHAT_TEXT = '[eliminado]';

// The person's conversations: those of their tickets, and any started under one of their addresses.
const SCOPE = `WITH scope AS (SELECT $1::text[] AS conversations, $2::text[] AS emails)`;
const MINE = `(c.id::text = ANY(scope.conversations) OR c.email = ANY(scope.emails))`;

/** The chat's own tables about a person (conversations and their transcripts), for ARCO requests. */
export class ChatPersonalDataRepository implements ChannelPersonalData {
  constructor(private readonly dataSource: DataSource) {}

  async export(scope: PersonalDataScope, em: EntityManager = this.dataSource.manager): Promise<PersonalRows> {
    const params = [scope.conversationIds, scope.emails];
    const conversations = (await em.query(
      `${SCOPE} SELECT to_jsonb(c) - 'token_hash' - 'start_key' AS row FROM chat_conversations c, scope WHERE ${MINE} ORDER BY c.created_at`,
      params,
    )) as Array<{ row: Record<string, unknown> }>;
    const entries = (await em.query(
      `${SCOPE} SELECT to_jsonb(e) AS row FROM chat_entries e JOIN chat_conversations c ON c.id = e.conversation_id, scope WHERE ${MINE}
        ORDER BY e.conversation_id, e.seq`,
      params,
    )) as Array<{ row: Record<string, unknown> }>;
    return { chat_conversations: conversations.map((found) => found.row), chat_entries: entries.map((found) => found.row) };
  }

  async identifiers(scope: PersonalDataScope, em: EntityManager = this.dataSource.manager): Promise<PersonalIdentifiers> {
    const rows = (await em.query(`${SCOPE} SELECT c.name, c.email, c.rfc FROM chat_conversations c, scope WHERE ${MINE}`, [
      scope.conversationIds,
      scope.emails,
    ])) as Array<{ name: string; email: string; rfc: string | null }>;
    return {
      names: rows.map((row) => row.name),
      emails: rows.map((row) => row.email),
      others: rows.flatMap((row) => (row.rfc ? [row.rfc] : [])),
    };
  }

  /** Names, addresses and RFCs go, the token stops resuming the chat, every line's text is erased. */
  async erase(scope: PersonalDataScope, em: EntityManager): Promise<Record<string, number>> {
    const [conversations] = (await em.query(
      `${SCOPE} UPDATE chat_conversations c SET name = '', email = '', rfc = NULL, token_hash = 'erased-' || c.id
         FROM scope WHERE ${MINE} RETURNING c.id`,
      [scope.conversationIds, scope.emails],
    )) as [Array<{ id: string }>, number];
    const [, entries] = (await em.query(
      `UPDATE chat_entries SET payload = jsonb_set(payload, '{text}', to_jsonb($2::text))
        WHERE conversation_id = ANY($1::uuid[]) AND payload ? 'text'`,
      [conversations.map((conversation) => conversation.id), ERASED_CHAT_TEXT],
    )) as [unknown[], number];
    return { chat_conversations: conversations.length, chat_entries: entries };
  }
}
