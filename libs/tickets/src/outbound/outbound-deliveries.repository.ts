import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { Channel } from '@app/channels';
import { WriteBehind } from '../database/write-behind.js';
import { MessageEntity } from '../entities/message.entity.js';
import { OutboundDeliveryEntity, type DeliveryKind } from '../entities/outbound-delivery.entity.js';
import { TicketEntity } from '../entities/ticket.entity.js';

export type NewDelivery = Pick<OutboundDeliveryEntity, 'ticketId' | 'messageId' | 'channel' | 'kind' | 'dedupeKey' | 'recipient'>;

@Injectable()
export class OutboundDeliveriesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /**
   * A delivery whose dedupe key cannot exist yet (it names a ticket or a link made in this
   * transaction): through a holding transaction it waits for the group's flush, with its id made here.
   */
  async insertNew(delivery: NewDelivery, em: EntityManager): Promise<{ id: string }> {
    const row = { ...delivery, id: randomUUID(), status: 'pending' as const };
    await this.writeBehind.write('outbound_deliveries', [row], (rows, db) => this.insertRows(rows, db), em);
    return { id: row.id };
  }

  private async insertRows(rows: Array<NewDelivery & { id: string; status: 'pending' }>, em: EntityManager): Promise<void> {
    await em.insert(OutboundDeliveryEntity, rows);
  }

  /** Inserts the delivery unless one with the same dedupe key exists; returns the id of either. */
  async insertOnce(delivery: NewDelivery, em: EntityManager): Promise<{ id: string; isNew: boolean }> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(OutboundDeliveryEntity)
      .values({ ...delivery, status: 'pending' })
      .orIgnore()
      .returning(['id'])
      .execute();
    const raw = result.raw as Array<{ id: string }>;
    if (raw.length > 0) return { id: raw[0]!.id, isNew: true };
    const existing = await em.findOneOrFail(OutboundDeliveryEntity, { where: { dedupeKey: delivery.dedupeKey } });
    return { id: existing.id, isNew: false };
  }

  /** Makes the counts of one kind of message to one recipient take turns until this transaction ends. */
  async lockRecipientCount(kind: DeliveryKind, recipient: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${kind}-rate:${recipient}`]);
  }

  /** Counts what an intake group holds too, without flushing it. */
  async countRecent(recipient: string, kind: DeliveryKind, sinceMs: number, em: EntityManager): Promise<number> {
    const held = this.writeBehind.pending<NewDelivery>('outbound_deliveries', em).filter((row) => row.recipient === recipient && row.kind === kind);
    const stored = await em.count(OutboundDeliveryEntity, {
      where: { recipient, kind, createdAt: MoreThan(new Date(Date.now() - sinceMs)) },
    });
    return stored + held.length;
  }

  async lock(id: string, em: EntityManager): Promise<OutboundDeliveryEntity | null> {
    await this.writeBehind.flush(em);
    return em.findOne(OutboundDeliveryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The delivery with the message it sends and its ticket, and, for a pending delivery not yet
   * begun, the moment its sending begins is recorded: one statement on the hot path of every send.
   * The row read is the one before that write, so `sendStartedAt` still says whether an earlier
   * attempt began (and may have reached the customer).
   */
  async startSending(id: string): Promise<{ delivery: OutboundDeliveryEntity; message: MessageEntity; ticket: TicketEntity } | null> {
    const delivery = await this.dataSource.manager
      .createQueryBuilder(OutboundDeliveryEntity, 'd')
      .addCommonTableExpression(
        `UPDATE outbound_deliveries SET send_started_at = now() WHERE id = :id AND status = 'pending' AND send_started_at IS NULL RETURNING id`,
        'started',
      )
      .innerJoinAndMapOne('d.message', MessageEntity, 'm', 'm.id = d.message_id')
      .innerJoinAndMapOne('d.ticket', TicketEntity, 't', 't.id = d.ticket_id')
      .where('d.id = :id', { id })
      .getOne();
    if (!delivery) return null;
    const { message, ticket } = delivery as OutboundDeliveryEntity & { message: MessageEntity; ticket: TicketEntity };
    return { delivery, message, ticket };
  }

  /**
   * Our newest email delivery of a message with one of these Message-IDs that actually went out (or
   * began to): the only mail a bounce can be about. Inbound messages never match.
   */
  async findSentEmailByMessageIds(externalIds: string[], em: EntityManager): Promise<OutboundDeliveryEntity | null> {
    if (externalIds.length === 0) return null;
    await this.writeBehind.flush(em);
    return (
      em
        .createQueryBuilder(OutboundDeliveryEntity, 'd')
        .innerJoin(MessageEntity, 'm', 'm.id = d.message_id')
        // Every channel named so the (channel, external_id) index serves: a chat reply may go out by email.
        .where(`m.channel IN ('email', 'chat', 'phone') AND m.external_id IN (:...externalIds)`, { externalIds })
        .andWhere(`m.direction = 'outbound' AND d.channel = 'email'`)
        .andWhere(`d.status <> 'held' AND (d.status = 'sent' OR d.send_started_at IS NOT NULL)`)
        .orderBy('d.created_at', 'DESC')
        .getOne()
    );
  }

  findById(id: string): Promise<OutboundDeliveryEntity | null> {
    return this.dataSource.manager.findOne(OutboundDeliveryEntity, { where: { id } });
  }

  /**
   * One statement: the delivery's final status and its event on the ticket are written together, or
   * neither. An email the server accepted also lifts its address's undeliverable mark (with an event):
   * a bounce marked it, and this later send went through.
   */
  async finish(id: string, ticketId: string, status: 'sent' | 'held', event: { type: string; data: Record<string, unknown> }): Promise<void> {
    await this.dataSource.query(
      `WITH done AS (
         UPDATE outbound_deliveries SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN now() END WHERE id = $1 RETURNING id, channel, recipient
       ), cleared AS (
         UPDATE contacts SET email_undeliverable_at = NULL, email_undeliverable_reason = NULL, updated_at = now()
          WHERE email_undeliverable_at IS NOT NULL AND email IN (SELECT lower(recipient) FROM done WHERE $2 = 'sent' AND channel = 'email')
          RETURNING email
       ), recorded AS (
         INSERT INTO ticket_events (ticket_id, type, actor_type, data) SELECT $3, $4, 'system', $5::jsonb FROM done
       )
       INSERT INTO ticket_events (ticket_id, type, actor_type, data)
       SELECT $3, 'email_mark_cleared', 'system', jsonb_build_object('address', cleared.email, 'reason', 'delivered_send', 'deliveryId', done.id)
         FROM cleared, done`,
      [id, status, ticketId, event.type, JSON.stringify(event.data)],
    );
  }

  async update(id: string, patch: Partial<OutboundDeliveryEntity>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await this.writeBehind.flush(em);
    await em.update(OutboundDeliveryEntity, { id }, patch);
  }

  /** Moves every delivery of one ticket onto another (a merge). */
  async moveToTicket(fromTicketId: string, toTicketId: string, em: EntityManager): Promise<void> {
    await this.writeBehind.flush(em);
    await em.update(OutboundDeliveryEntity, { ticketId: fromTicketId }, { ticketId: toTicketId });
  }

  async findStalePending(olderThanMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.manager.find(OutboundDeliveryEntity, {
      select: { id: true },
      where: { status: 'pending', createdAt: LessThan(new Date(Date.now() - olderThanMs)) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /** Per channel, how many deliveries are owed (not sent yet) and how long the oldest has waited. */
  async owedByChannel(): Promise<Array<{ channel: Channel; owed: number; oldestMs: number }>> {
    const rows: Array<{ channel: Channel; owed: string; oldest_ms: string }> = await this.dataSource.query(
      `SELECT channel, count(*) AS owed, floor(extract(epoch FROM now() - min(created_at)) * 1000) AS oldest_ms
         FROM outbound_deliveries WHERE status = 'pending' GROUP BY channel`,
    );
    return rows.map((row) => ({ channel: row.channel, owed: Number(row.owed), oldestMs: Number(row.oldest_ms) }));
  }

  listForMessages(messageIds: string[]): Promise<OutboundDeliveryEntity[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(OutboundDeliveryEntity, { where: { messageId: In(messageIds) } });
  }
}
