import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import type { Channel, RawInbound, RejectedAtSource } from '@app/channels';
import { TIERS, type Tier } from '../domain.js';
import { TicketEntity } from '../entities/ticket.entity.js';
import { InboundItemEntity, type InboundStatus } from '../entities/inbound-item.entity.js';

@Injectable()
export class InboundItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the raw input once; a second delivery of the same item returns the first row. */
  async store(item: RawInbound): Promise<{ item: InboundItemEntity; isNew: boolean }> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(InboundItemEntity)
      .values({
        channel: item.channel,
        dedupeKey: item.dedupeKey,
        sourceRef: item.sourceRef ?? null,
        raw: item.raw,
        sizeBytes: item.raw.length,
        summary: item.summary,
        status: 'pending',
        // The database clock (microseconds) orders the messages of one conversation (findEarlierPending).
        receivedAt: () => 'clock_timestamp()',
      })
      .orIgnore()
      .returning(['id', 'received_at'])
      .execute();
    if ((result.raw as unknown[]).length > 0) {
      // New: what the INSERT returned is all the caller needs (the raw bytes are not read back).
      const generated = result.generatedMaps[0] as Pick<InboundItemEntity, 'id' | 'receivedAt'>;
      const created = this.dataSource.manager.create(InboundItemEntity, { ...item, status: 'pending', sizeBytes: item.raw.length, ...generated });
      return { item: created, isNew: true };
    }
    const stored = await this.findByKey(item.channel, item.dedupeKey);
    if (!stored) throw new Error(`Inbound item ${item.channel}/${item.dedupeKey} was not stored`);
    return { item: stored, isNew: false };
  }

  /** Records an item refused before download (e.g. too big): kept visible with its reason, never dropped. */
  async storeRejected(item: RejectedAtSource): Promise<void> {
    await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(InboundItemEntity)
      .values({
        channel: item.channel,
        dedupeKey: item.dedupeKey,
        sourceRef: item.sourceRef ?? null,
        raw: null,
        sizeBytes: item.sizeBytes,
        summary: item.summary,
        status: 'rejected',
        outcome: item.reason,
        receivedAt: new Date(),
        processedAt: new Date(),
      })
      .orIgnore()
      .execute();
  }

  findByKey(channel: Channel, dedupeKey: string): Promise<InboundItemEntity | null> {
    return this.dataSource.manager.findOne(InboundItemEntity, { where: { channel, dedupeKey } });
  }

  /** The item, locked for the intake transaction so retries of one item never run side by side. */
  lock(id: string, em: EntityManager): Promise<InboundItemEntity | null> {
    return em.findOne(InboundItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async loadRaw(id: string): Promise<InboundItemEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(InboundItemEntity, 'i')
      .addSelect('i.raw')
      .where('i.id = :id', { id })
      .getOne();
  }

  async finish(
    id: string,
    status: Exclude<InboundStatus, 'pending'>,
    outcome: string,
    ticketId: string | null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await em.update(InboundItemEntity, { id }, { status, outcome, ticketId, processedAt: new Date() });
  }

  async recordAttemptError(id: string, error: string, finalAttempt: boolean): Promise<void> {
    await this.dataSource.manager
      .createQueryBuilder()
      .update(InboundItemEntity)
      .set({
        attempts: () => 'attempts + 1',
        lastError: error.slice(0, 2_000),
        ...(finalAttempt ? { status: 'failed' as const, processedAt: new Date() } : {}),
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  /** Items still pending that share this item's channel and source and arrived before it, oldest first. */
  async findEarlierPending(id: string, limit = 100): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT earlier.id
         FROM inbound_items item
         JOIN inbound_items earlier
           ON earlier.channel = item.channel AND earlier.source_ref = item.source_ref AND earlier.status = 'pending'
          AND (earlier.received_at, earlier.id) < (item.received_at, item.id)
        WHERE item.id = $1
        ORDER BY earlier.received_at, earlier.id
        LIMIT $2`,
      [id, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Items still pending after `olderThanMs`: their queue job was lost or is stuck. */
  async findStalePending(olderThanMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.manager.find(InboundItemEntity, {
      select: { id: true },
      where: { status: 'pending', receivedAt: LessThan(new Date(Date.now() - olderThanMs)) },
      order: { receivedAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /**
   * What arrived, newest first, as far as `tiers` may see it: items that became part of a ticket at
   * one of those tiers; items on no ticket (skipped, rejected, still pending) only for whoever sees
   * every tier (L1 Help Desk, administrators), since any tier's ticket may come of them.
   */
  list(filter: { status?: InboundStatus; tiers: readonly Tier[] }, limit: number, offset: number): Promise<[InboundItemEntity[], number]> {
    const query = this.dataSource.manager.createQueryBuilder(InboundItemEntity, 'i').orderBy('i.receivedAt', 'DESC').take(limit).skip(offset);
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (TIERS.some((tier) => !filter.tiers.includes(tier))) {
      query.innerJoin(TicketEntity, 't', 't.id = i.ticketId AND t.tier IN (:...tiers)', { tiers: filter.tiers });
    }
    return query.getManyAndCount();
  }
}
