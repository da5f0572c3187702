import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dataSourceOptions } from '../../../libs/platform/src/database/data-source-options.js';
import { ChatConversationEntity } from '../../../libs/channels/src/chat/chat-conversation.entity.js';
import { ChatEntryEntity } from '../../../libs/channels/src/chat/chat-entry.entity.js';
import { ChatTranscriptRepository } from '../../../libs/channels/src/chat/chat-transcript.repository.js';
import { DataSource } from 'typeorm';
import { TestEnvironment } from '../../../test/support/test-environment.js';

/**
 * The transcript a chat widget shows, against Postgres: appends of the same moment share one
 * statement, and whatever arrives together, each conversation's entries are numbered 1, 2, 3...
 * without gaps, in the order they were appended, each source stored once. Two repositories stand
 * for two processes (a gateway storing customer messages, a worker sending replies).
 */
describe('chat transcript appends (Postgres)', () => {
  let env: TestEnvironment;
  const dataSources: DataSource[] = [];
  let first: ChatTranscriptRepository;
  let second: ChatTranscriptRepository;

  const conversations = async (count: number): Promise<string[]> =>
    (
      await env.query<{ id: string }>(
        `INSERT INTO chat_conversations (token_hash, start_key, name, email, last_seq, last_activity_at)
         SELECT md5(random()::text), md5(random()::text), 'Cliente', 'cliente@example.mx', 0, now() FROM generate_series(1, $1) RETURNING id`,
        [count],
      )
    ).map((row) => row.id);
  const stored = (conversationId: string) =>
    env.query<{ seq: number; source_key: string }>(`SELECT seq, source_key FROM chat_entries WHERE conversation_id = $1 ORDER BY seq`, [conversationId]);
  const entry = (source: string) => ({ type: 'agent:message' as const, sourceKey: source, payload: { text: `texto ${source}` } });

  beforeAll(async () => {
    env = await TestEnvironment.create('chat-transcript');
    for (let index = 0; index < 2; index += 1) {
      const dataSource = new DataSource({ ...dataSourceOptions(env.databaseUrl, { entities: [ChatConversationEntity, ChatEntryEntity], migrations: [] }, 4), logging: false });
      dataSources.push(await dataSource.initialize());
    }
    first = new ChatTranscriptRepository(dataSources[0]!);
    second = new ChatTranscriptRepository(dataSources[1]!);
  });

  afterAll(async () => {
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await env?.close();
  });

  it('should number each conversation without gaps and in the order appended when many appends arrive at once from two processes', async () => {
    const ids = await conversations(12);
    // Three entries per conversation from each process, all issued in the same moment; the second
    // process goes through the conversations the other way round (its rows locked in another order).
    const appends = [0, 1, 2].flatMap((turn) => [
      ...ids.map((id) => first.append(id, entry(`a-${id}-${turn}`))),
      ...[...ids].reverse().map((id) => second.append(id, entry(`b-${id}-${turn}`))),
    ]);
    const results = await Promise.all(appends);
    expect(results.every((result) => result?.isNew === true)).toBe(true);
    for (const id of ids) {
      const rows = await stored(id);
      expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      // Each process's own appends keep their order.
      for (const process of ['a', 'b']) {
        const own = rows.filter((row) => row.source_key.startsWith(`${process}-`)).map((row) => row.source_key);
        expect(own).toEqual([0, 1, 2].map((turn) => `${process}-${id}-${turn}`));
      }
      expect((await env.query<{ last_seq: number }>(`SELECT last_seq FROM chat_conversations WHERE id = $1`, [id]))[0]!.last_seq).toBe(6);
    }
  });

  it('should store an entry once when the same source is appended again, at the same moment or later, and answer with the stored one', async () => {
    const [id, other] = await conversations(2);
    const [one, again, beside] = await Promise.all([first.append(id!, entry('same')), second.append(id!, entry('same')), first.append(other!, entry('beside'))]);
    expect([one!.entry.seq, again!.entry.seq]).toEqual([1, 1]);
    expect([one!.isNew, again!.isNew].sort()).toEqual([false, true]);
    expect(beside).toMatchObject({ isNew: true, entry: { seq: 1, text: 'texto beside' } });
    const later = await first.append(id!, entry('same'));
    expect(later).toMatchObject({ isNew: false, entry: { seq: 1, type: 'agent:message', text: 'texto same' } });
    expect(await stored(id!)).toHaveLength(1);
  });

  it('should answer null for a conversation that does not exist, without failing the appends that came with it', async () => {
    const [id] = await conversations(1);
    const [missing, present] = await Promise.all([first.append('00000000-0000-4000-8000-000000000000', entry('nadie')), first.append(id!, entry('alguien'))]);
    expect(missing).toBeNull();
    expect(present).toMatchObject({ isNew: true, entry: { seq: 1 } });
  });
});
