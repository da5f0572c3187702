import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import type { Channel, RawInbound, RejectedAtSource } from '@app/channels';
import { entityFromRow, runPrepared, withoutNul } from '@app/platform';
import { TIERS, type Tier } from '../domain.js';
import { TicketEntity } from '../entities/ticket.entity.js';
import { returnedRows, type SqlStatement } from '../database/combined-statements.repository.js';
import { InboundItemEntity, type InboundStatus } from '../entities/inbound-item.entity.js';
import { InboundItemTakenError } from './inbound-item-taken.error.js';

/** A raw input as stored: its row, and whether this call stored it. */
export interface StoredInbound {
  id: string;
  status: InboundStatus;
  isNew: boolean;
}

/** How an intake ended for one item. */
export interface FinishedInbound {
  id: string;
  status: Exclude<InboundStatus, 'pending'>;
  outcome: string;
  ticketId: string | null;
}

/**
 * The sender and subject shown in the list of what arrived, as the source gave them, less NULs: a
 * mail's encoded subject may carry one, and Postgres refuses it in JSON, which would keep the mail
 * (and every mail behind it) from being stored.
 */
function storableSummary(summary: RawInbound['summary']): RawInbound['summary'] {
  const clean = (text: string | undefined) => (text === undefined ? undefined : withoutNul(text));
  return { ...summary, from: clean(summary.from), subject: clean(summary.subject) };
}

@Injectable()
export class InboundItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores each raw input once, all in one multi-row INSERT; an item stored before (a redelivery,
   * or the same item twice in `items`) comes back as the first row, with `isNew` false. Answers in
   * the order of `items`. New rows keep `queueJobId`, the id of the job that will carry them.
   */
  async storeMany(items: RawInbound[], queueJobId: string): Promise<StoredInbound[]> {
    if (items.length === 0) return [];
    const params: unknown[] = [queueJobId];
    const rows = items.map((item) => {
      params.push(item.channel, item.dedupeKey, item.sourceRef ?? null, item.raw, item.raw.length, JSON.stringify(storableSummary(item.summary)));
      const at = params.length - 6;
      // The database clock (microseconds, per row in VALUES order) orders the messages of one conversation (findEarlierPending).
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}::jsonb, 'pending', clock_timestamp(), $1)`;
    });
    const inserted = await runPrepared<{ id: string; channel: Channel; dedupe_key: string }>(
      this.dataSource.manager,
      `INSERT INTO inbound_items (channel, dedupe_key, source_ref, raw, size_bytes, summary, status, received_at, queue_job_id)
       VALUES ${rows.join(', ')}
       ON CONFLICT (channel, dedupe_key) DO NOTHING
       RETURNING id, channel, dedupe_key`,
      params,
    );
    const key = (channel: string, dedupeKey: string) => `${channel} ${dedupeKey}`;
    const created = new Map(inserted.map((row) => [key(row.channel, row.dedupe_key), row.id]));
    const earlier = await this.findStatusByKeys(items.filter((item) => !created.has(key(item.channel, item.dedupeKey))));
    const claimed = new Set<string>();
    return items.map((item) => {
      const id = created.get(key(item.channel, item.dedupeKey));
      // The first of the same item within `items` is the new one; a later copy is a redelivery.
      if (id && !claimed.has(id)) {
        claimed.add(id);
        return { id, status: 'pending', isNew: true };
      }
      const stored = id ? { id, status: 'pending' as const } : earlier.get(key(item.channel, item.dedupeKey));
      if (!stored) throw new Error(`Inbound item ${item.channel}/${item.dedupeKey} was not stored`);
      return { ...stored, isNew: false };
    });
  }

  private async findStatusByKeys(items: RawInbound[]): Promise<Map<string, { id: string; status: InboundStatus }>> {
    if (items.length === 0) return new Map();
    const rows = await runPrepared<{ id: string; channel: Channel; dedupe_key: string; status: InboundStatus }>(
      this.dataSource.manager,
      `SELECT id, channel, dedupe_key, status FROM inbound_items
        WHERE (channel, dedupe_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [items.map((item) => item.channel), items.map((item) => item.dedupeKey)],
    );
    return new Map(rows.map((row) => [`${row.channel} ${row.dedupe_key}`, { id: row.id, status: row.status }]));
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
        summary: storableSummary(item.summary),
        status: 'rejected',
        outcome: item.reason,
        receivedAt: new Date(),
        processedAt: new Date(),
      })
      .orIgnore()
      .execute();
  }

  /**
   * The items with their raw content for the intake, and, for the channels in `inOrderChannels`,
   * whether earlier items of their source still wait (then see `findEarlierPending`): one round
   * trip for a whole batch of intake jobs. Missing ids are absent from the map.
   */
  async loadForIntake(ids: string[], inOrderChannels: readonly Channel[]): Promise<Map<string, { item: InboundItemEntity; earlierPending: boolean }>> {
    const rows = await runPrepared<Record<string, unknown> & { earlier_pending: boolean }>(
      this.dataSource.manager,
      `SELECT item.*,
              (item.channel = ANY($2::text[]) AND item.source_ref IS NOT NULL AND item.status = 'pending' AND EXISTS (
                SELECT 1 FROM inbound_items earlier
                 WHERE earlier.channel = item.channel AND earlier.source_ref = item.source_ref AND earlier.status = 'pending'
                   AND (earlier.received_at, earlier.id) < (item.received_at, item.id))) AS earlier_pending
         FROM inbound_items item
        WHERE item.id = ANY($1::uuid[])`,
      [ids, inOrderChannels],
    );
    return new Map(
      rows.map((row) => {
        const item = entityFromRow(this.dataSource, InboundItemEntity, row);
        return [item.id, { item, earlierPending: row.earlier_pending }];
      }),
    );
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
    await this.finishMany([{ id, status, outcome, ticketId }], em);
  }

  /**
   * Records how each item ended, all in one statement, if it is still pending: the intake locks its
   * items only here, at the end, and a transaction that finds one already recorded (the same job run
   * twice at once) fails with `InboundItemTakenError` and rolls back.
   */
  async finishMany(finished: FinishedInbound[], em: EntityManager): Promise<void> {
    if (finished.length === 0) return;
    assertRecorded(finished, await returnedRows(em, finishStatement(finished)));
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
  async findStalePending(olderThanMs: number, limit: number): Promise<Array<Pick<InboundItemEntity, 'id' | 'queueJobId'>>> {
    return this.dataSource.manager.find(InboundItemEntity, {
      select: { id: true, queueJobId: true },
      where: { status: 'pending', receivedAt: LessThan(new Date(Date.now() - olderThanMs)) },
      order: { receivedAt: 'ASC' },
      take: limit,
    });
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

/** The statement of `finishMany`, for a caller that runs it with others (it returns the ids it recorded). */
export function finishStatement(finished: FinishedInbound[]): SqlStatement {
  return {
    sql: `UPDATE inbound_items i
             SET status = f.status, outcome = f.outcome, ticket_id = f.ticket_id, processed_at = now()
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS f(id, status, outcome, ticket_id)
           WHERE i.id = f.id AND i.status = 'pending'
          RETURNING i.id`,
    params: [finished.map((f) => f.id), finished.map((f) => f.status), finished.map((f) => f.outcome), finished.map((f) => f.ticketId)],
  };
}

/** Fails with `InboundItemTakenError` unless every item was recorded (`rows`: what `finishStatement` returned). */
export function assertRecorded(finished: FinishedInbound[], rows: Array<Record<string, unknown>>): void {
  const recorded = new Set(rows.map((row) => row.id as string));
  const taken = finished.filter((f) => !recorded.has(f.id)).map((f) => f.id);
  if (taken.length > 0) throw new InboundItemTakenError(taken);
}
