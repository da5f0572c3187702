import type { DataSource } from 'typeorm';
import { ChatConversationEntity } from './chat-conversation.entity.js';

export type NewConversation = Pick<ChatConversationEntity, 'tokenHash' | 'startKey' | 'name' | 'email' | 'rfc'>;

/** Chat conversations in Postgres: created once per start, found again by the hash of their token. */
export class ChatConversationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the conversation unless its start key exists (a retransmitted start); returns either. */
  async insertOnce(conversation: NewConversation): Promise<{ conversation: ChatConversationEntity; isNew: boolean }> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(ChatConversationEntity)
      .values({ ...conversation, lastActivityAt: new Date() })
      .orIgnore()
      .returning(['id'])
      .execute();
    const isNew = (result.raw as unknown[]).length > 0;
    const stored = await this.dataSource.manager.findOneByOrFail(ChatConversationEntity, { startKey: conversation.startKey });
    return { conversation: stored, isNew };
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
