import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Channel, InboundAttachment } from '@app/channels';
import { aliasedColumns, entityFromAliasedRow, type PreparedRead } from '@app/platform';
import { insertStatement } from './database/combined-statements.repository.js';
import { WriteBehind } from './database/write-behind.js';
import { AttachmentEntity } from './entities/attachment.entity.js';
import { MessageEntity } from './entities/message.entity.js';

type MessageCore = 'ticketId' | 'direction' | 'channel' | 'externalId' | 'authorType' | 'text';
/**
 * What a new message must say; everything else defaults to empty (no author ids, not internal...).
 * `createdAt` defaults to the transaction's clock; a customer's message gives when it arrived.
 */
export type NewMessage = Pick<MessageEntity, MessageCore> & Partial<Omit<MessageEntity, MessageCore | 'id'>>;

const MESSAGE_DEFAULTS = {
  authorContactId: null,
  authorAgentId: null,
  authorName: null,
  fromAddress: null,
  internal: false,
  automated: false,
  subject: null,
  htmlSanitized: null,
  threadRefs: [],
  inboundItemId: null,
} satisfies Partial<MessageEntity>;

@Injectable()
export class MessagesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /**
   * Through a holding transaction (an intake group) a message without files waits for the group's
   * flush, with its id made here; its `createdAt` is then the one given or this moment (the row
   * gets the transaction's clock, as every message of the transaction does).
   */
  async insert(message: NewMessage, attachments: InboundAttachment[], em: EntityManager): Promise<MessageEntity> {
    if (attachments.length === 0 && this.writeBehind.isHolding(em)) {
      const held = em.create(MessageEntity, { ...MESSAGE_DEFAULTS, ...message, id: randomUUID() });
      await this.writeBehind.write('messages', [held], (rows, db) => [insertStatement(db, MessageEntity, rows)], em);
      return { ...held, createdAt: message.createdAt ?? new Date() };
    }
    const saved = await em.save(MessageEntity, em.create(MessageEntity, { ...MESSAGE_DEFAULTS, ...message }));
    if (attachments.length > 0) {
      await em.insert(
        AttachmentEntity,
        attachments.map((attachment) => ({
          messageId: saved.id,
          filename: attachment.filename,
          contentType: attachment.contentType,
          sizeBytes: attachment.sizeBytes,
          contentId: attachment.contentId ?? null,
          inline: attachment.inline,
          content: attachment.content ?? null,
          sha256: attachment.content ? createHash('sha256').update(attachment.content).digest('hex') : null,
          omittedReason: attachment.omittedReason ?? null,
        })),
      );
    }
    return saved;
  }

  /** Moves every message of one ticket onto another (a merge). */
  async moveToTicket(fromTicketId: string, toTicketId: string, em: EntityManager): Promise<void> {
    await this.writeBehind.flush(em);
    await em.update(MessageEntity, { ticketId: fromTicketId }, { ticketId: toTicketId });
  }

  /** Re-renders a message that summarises something still changing (a phone call's card). */
  async updateText(id: string, text: string, em: EntityManager): Promise<void> {
    await this.writeBehind.flush(em);
    await em.update(MessageEntity, { id }, { text });
  }

  /** Looks at what an intake group holds without flushing it, then at the database. */
  async findByExternalId(channel: Channel, externalId: string, em: EntityManager = this.dataSource.manager): Promise<MessageEntity | null> {
    return this.findHeldByExternalId(channel, externalId, em) ?? em.findOne(MessageEntity, { where: { channel, externalId } });
  }

  /** A message an intake group wrote and still holds. */
  findHeldByExternalId(channel: Channel, externalId: string, em: EntityManager): MessageEntity | undefined {
    return this.writeBehind.pending<MessageEntity>('messages', em).find((message) => message.channel === channel && message.externalId === externalId);
  }

  /**
   * The stored messages of one channel with these external ids, by external id: an intake group
   * asks once for all its items, with its other first reads (`readTogether`). Raw SQL, its columns
   * named from the metadata, so it can travel with them.
   */
  storedByExternalIds(channel: Channel, externalIds: string[], em: EntityManager): PreparedRead<Map<string, MessageEntity>> {
    return {
      text: `SELECT ${aliasedColumns(em.connection, MessageEntity, 'm')} FROM messages m WHERE m.channel = $1 AND m.external_id = ANY($2::text[])`,
      values: [channel, externalIds],
      read: (rows) =>
        new Map(
          rows.map((row) => {
            const message = entityFromAliasedRow(em.connection, MessageEntity, 'm', row);
            return [message.externalId, message];
          }),
        ),
    };
  }

  /** The newest message among these external ids (threading looks up what a mail answers). */
  async findNewestByExternalIds(channel: Channel, externalIds: string[], em: EntityManager): Promise<MessageEntity | null> {
    if (externalIds.length === 0) return null;
    await this.writeBehind.flush(em);
    return em.findOne(MessageEntity, { where: { channel, externalId: In(externalIds) }, order: { createdAt: 'DESC' } });
  }

  /** The customer's latest message on a ticket's channel: what a reply answers (email threading). */
  async findLatestInbound(ticketId: string, channel: Channel, em: EntityManager): Promise<MessageEntity | null> {
    await this.writeBehind.flush(em);
    return em.findOne(MessageEntity, { where: { ticketId, channel, direction: 'inbound', automated: false }, order: { createdAt: 'DESC' } });
  }

  listForTicket(ticketId: string): Promise<MessageEntity[]> {
    // A customer's message is dated when it arrived, so one recorded late still shows before the
    // replies written after it; a message and what its intake wrote at the same moment: the customer's first.
    return this.dataSource.manager.find(MessageEntity, { where: { ticketId }, order: { createdAt: 'ASC', direction: 'ASC' } });
  }

  listAttachments(messageIds: string[]): Promise<AttachmentEntity[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(AttachmentEntity, { where: { messageId: In(messageIds) }, order: { createdAt: 'ASC' } });
  }

  /** A message's files with their content (what goes out with an agent's reply). */
  listAttachmentsWithContent(messageId: string): Promise<AttachmentEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(AttachmentEntity, 'a')
      .addSelect('a.content')
      .where('a.message_id = :messageId', { messageId })
      .orderBy('a.created_at', 'ASC')
      .getMany();
  }

  /** A file an agent sent to a chat customer (public, outbound, on a chat ticket), with its content; null for any other. */
  findSharedChatFile(attachmentId: string): Promise<AttachmentEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(AttachmentEntity, 'a')
      .addSelect('a.content')
      .innerJoin(MessageEntity, 'm', 'm.id = a.message_id')
      .innerJoin('tickets', 't', 't.id = m.ticket_id')
      .where('a.id = :attachmentId', { attachmentId })
      .andWhere(`m.direction = 'outbound' AND m.internal = false AND m.author_type = 'agent' AND t.channel = 'chat'`)
      .getOne();
  }

  async findAttachmentContent(attachmentId: string): Promise<AttachmentEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(AttachmentEntity, 'a')
      .addSelect('a.content')
      .where('a.id = :attachmentId', { attachmentId })
      .getOne();
  }
}
