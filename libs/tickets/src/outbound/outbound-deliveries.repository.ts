import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, Or, type EntityManager } from 'typeorm';
import type { Channel } from '@app/channels';
import { aliasedColumns, entityFromAliasedRow, readTogether, runPrepared, type PreparedRead } from '@app/platform';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { insertStatement } from '../database/combined-statements.repository.js';
import { WriteBehind } from '../database/write-behind.js';
import { MessageEntity } from '../entities/message.entity.js';
import { OutboundDeliveryEntity, type DeliveryKind } from '../entities/outbound-delivery.entity.js';
import { TicketEntity } from '../entities/ticket.entity.js';

/** A delivery about to be sent, with the message it sends and its ticket. */
export interface DeliveryToSend {
  delivery: OutboundDeliveryEntity;
  message: MessageEntity;
  ticket: TicketEntity;
  /** A verification mail's link (its token is derived from this id). */
  verificationId: string | null;
  /** An earlier delivery this one must not overtake, still pending: this one is not begun (see `mustFollow`). */
  waitingFor: string | null;
  /** Whether this attempt holds the send's lease; a pending delivery it does not hold is being sent by another. */
  claimed: boolean;
}

/**
 * The SQL condition under which delivery `later` must wait for `earlier`: a satisfaction survey
 * follows what its ticket sent the same recipient on the same channel before it (the resolution).
 * Within one worker the sends to a recipient already go in order; this holds across workers.
 */
const mustFollow = (later: string, earlier: string): string =>
  `${later}.kind = 'survey' AND ${earlier}.ticket_id = ${later}.ticket_id AND ${earlier}.recipient = ${later}.recipient
   AND ${earlier}.channel = ${later}.channel AND ${earlier}.kind <> 'survey' AND ${earlier}.status = 'pending' AND ${earlier}.created_at <= ${later}.created_at`;

/** How a send ended, and the event that says so on its ticket. */
export interface FinishedDelivery {
  id: string;
  ticketId: string;
  status: 'sent' | 'held';
  event: { type: string; data: Record<string, unknown> };
}

/** The advisory lock key (and count key) of one kind of message to one recipient. */
function countKey(kind: DeliveryKind, recipient: string): string {
  return `${kind}-rate:${recipient}`;
}

export type NewDelivery = Pick<OutboundDeliveryEntity, 'ticketId' | 'messageId' | 'channel' | 'kind' | 'dedupeKey' | 'recipient'>;

@Injectable()
export class OutboundDeliveriesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** Per transaction, the recipient counts it locked and read up front, plus what it queued since. */
  private readonly lockedCounts = new WeakMap<EntityManager, Map<string, number>>();

  /**
   * A delivery whose dedupe key cannot exist yet (it names a ticket or a link made in this
   * transaction): through a holding transaction it waits for the group's flush, with its id made here.
   * `begun`: written with its sending begun, for this process to send right after the commit
   * (`SendsBegunHere`).
   */
  async insertNew(delivery: NewDelivery, em: EntityManager, begun = false): Promise<OutboundDeliveryEntity> {
    const row = { ...delivery, id: randomUUID(), status: 'pending' as const, ...(begun ? this.lease(new Date()) : {}) };
    this.countQueued(delivery, em);
    await this.writeBehind.write('outbound_deliveries', [row], (rows, db) => [insertStatement(db, OutboundDeliveryEntity, rows)], em);
    // As the row will read once written (its creation time is the transaction's clock, not this one).
    return Object.assign(new OutboundDeliveryEntity(), { attempts: 0, lastError: null, sentAt: null, sendStartedAt: null, sendingUntil: null, createdAt: new Date(), ...row });
  }

  /** A send begun at `at`, holding its lease from then. */
  private lease(at: Date): Pick<OutboundDeliveryEntity, 'sendStartedAt' | 'sendingUntil'> {
    return { sendStartedAt: at, sendingUntil: new Date(at.getTime() + this.config.sendLeaseMs) };
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
    if (raw.length > 0) {
      this.countQueued(delivery, em);
      return { id: raw[0]!.id, isNew: true };
    }
    const existing = await em.findOneOrFail(OutboundDeliveryEntity, { where: { dedupeKey: delivery.dedupeKey } });
    return { id: existing.id, isNew: false };
  }

  /**
   * How many deliveries of one kind went to one recipient within `sinceMs`, counting what this
   * transaction queued, with the count locked until the transaction ends: concurrent intakes of one
   * sender take turns, or all would pass a limit. A count the transaction's group already locked
   * (`recentCountReads`) costs no statement.
   */
  async lockAndCountRecent(kind: DeliveryKind, recipient: string, sinceMs: number, em: EntityManager): Promise<number> {
    const key = countKey(kind, recipient);
    if (!this.lockedCounts.get(em)?.has(key)) await readTogether(em, this.recentCountReads([{ kind, recipient }], sinceMs, em));
    return this.lockedCounts.get(em)!.get(key)!;
  }

  /**
   * The two statements that lock and read the counts (`lockAndCountRecent`) of every (kind,
   * recipient) not counted yet in this transaction, for `readTogether`, with other reads or alone
   * (none when every pair is counted): an intake group asks for all its senders' at once instead of
   * one lock and one count per item. Locks are taken in key order, so two groups wait for each other
   * instead of deadlocking. The count runs after the locks are held, with a snapshot of its own
   * taken then, so it sees what a transaction that held them before it committed.
   */
  recentCountReads(pairs: Array<{ kind: DeliveryKind; recipient: string }>, sinceMs: number, em: EntityManager): Array<PreparedRead<void>> {
    const unique = new Map<string, { kind: DeliveryKind; recipient: string }>();
    for (const pair of pairs) {
      const key = countKey(pair.kind, pair.recipient);
      if (!this.lockedCounts.get(em)?.has(key)) unique.set(key, pair);
    }
    if (unique.size === 0) return [];
    const keys = [...unique.keys()].sort();
    const lock: PreparedRead<void> = { text: `SELECT count(pg_advisory_xact_lock(hashtext(key))) FROM unnest($1::text[]) AS k(key)`, values: [keys], read: () => undefined };
    const count: PreparedRead<void> = {
      text: `SELECT d.kind, d.recipient, count(*)::int AS count
         FROM outbound_deliveries d JOIN unnest($1::text[], $2::text[]) AS p(kind, recipient) ON d.kind = p.kind AND d.recipient = p.recipient
        WHERE d.created_at > $3
        GROUP BY d.kind, d.recipient`,
      values: [[...unique.values()].map((pair) => pair.kind), [...unique.values()].map((pair) => pair.recipient), new Date(Date.now() - sinceMs)],
      read: (rows) => this.holdCounts(unique, rows as Array<{ kind: DeliveryKind; recipient: string; count: number }>, em),
    };
    return [lock, count];
  }

  /** Keeps the counts just read as this transaction's: what it still holds is not in the table yet, and from now on `countQueued` adds it. */
  private holdCounts(unique: Map<string, { kind: DeliveryKind; recipient: string }>, rows: Array<{ kind: DeliveryKind; recipient: string; count: number }>, em: EntityManager): void {
    const counts = this.lockedCounts.get(em) ?? new Map<string, number>();
    this.lockedCounts.set(em, counts);
    for (const key of unique.keys()) counts.set(key, 0);
    for (const row of this.writeBehind.pending<NewDelivery>('outbound_deliveries', em)) {
      const key = countKey(row.kind, row.recipient);
      if (unique.has(key)) counts.set(key, counts.get(key)! + 1);
    }
    for (const row of rows) {
      const key = countKey(row.kind, row.recipient);
      counts.set(key, counts.get(key)! + row.count);
    }
  }

  /** A delivery this transaction queued counts in its locked counts from now on. */
  private countQueued(delivery: NewDelivery, em: EntityManager): void {
    const counts = this.lockedCounts.get(em);
    const key = countKey(delivery.kind, delivery.recipient);
    const counted = counts?.get(key);
    if (counts && counted !== undefined) counts.set(key, counted + 1);
  }

  /**
   * The deliveries with the messages they send and their tickets, and each pending delivery that no
   * other attempt is sending (its lease free or run out) and that waits for no earlier one is claimed:
   * its lease taken, and the moment its first attempt began recorded. One statement for a group of
   * sends. The rows read are the ones before that write, so `sendStartedAt` still says whether an
   * earlier attempt began (and may have reached the customer).
   */
  async startSending(ids: string[]): Promise<Map<string, DeliveryToSend>> {
    if (ids.length === 0) return new Map();
    // Raw SQL with the columns named from the metadata: TypeORM's builder cost more CPU to compose
    // and map this join than the statement costs Postgres, on every send.
    const rows = await runPrepared<Record<string, unknown> & { waiting_for: string | null; v_id: string | null; claimed: boolean }>(
      this.dataSource.manager,
      this.startSendingSql(),
      [ids, this.config.sendLeaseMs],
    );
    return new Map(
      rows.map((row) => {
        const delivery = entityFromAliasedRow(this.dataSource, OutboundDeliveryEntity, 'd', row);
        const message = entityFromAliasedRow(this.dataSource, MessageEntity, 'm', row);
        const ticket = entityFromAliasedRow(this.dataSource, TicketEntity, 't', row);
        return [delivery.id, { delivery, message, ticket, verificationId: row.v_id, waitingFor: row.waiting_for, claimed: row.claimed }];
      }),
    );
  }

  /** The statement of `startSending` (its select lists are built once per entity, by `aliasedColumns`). */
  private startSendingSql(): string {
    return `WITH started AS (
        UPDATE outbound_deliveries later
           SET send_started_at = coalesce(later.send_started_at, now()), sending_until = now() + $2::int * interval '1 millisecond'
         WHERE later.id = ANY($1::uuid[]) AND later.status = 'pending' AND (later.sending_until IS NULL OR later.sending_until < now())
           AND NOT EXISTS (SELECT 1 FROM outbound_deliveries earlier WHERE ${mustFollow('later', 'earlier')})
         RETURNING later.id
      )
      SELECT ${aliasedColumns(this.dataSource, OutboundDeliveryEntity, 'd')},
             ${aliasedColumns(this.dataSource, MessageEntity, 'm')},
             ${aliasedColumns(this.dataSource, TicketEntity, 't')},
             v.id AS v_id,
             d.id IN (SELECT id FROM started) AS claimed,
             -- A subquery, not a join: its condition on d alone skips it for every delivery but a survey.
             (SELECT earlier.id FROM outbound_deliveries earlier WHERE ${mustFollow('d', 'earlier')} LIMIT 1) AS waiting_for
        FROM outbound_deliveries d
        JOIN messages m ON m.id = d.message_id
        JOIN tickets t ON t.id = d.ticket_id
        LEFT JOIN contact_verifications v ON v.message_id = d.message_id AND d.kind = 'verification'
       WHERE d.id = ANY($1::uuid[])`;
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
   * Begun deliveries that were never attempted after all (their worker stopped, or they waited their
   * turn too long): their leases given up and their begun moment cleared, so a queued job sends each
   * at once, as a first attempt with nothing to look for at the provider. Returns those it gave up;
   * one that was attempted meanwhile is left as it is.
   */
  async giveUpUnattempted(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await runPrepared<{ id: string }>(
      this.dataSource.manager,
      `UPDATE outbound_deliveries SET send_started_at = NULL, sending_until = NULL
        WHERE id = ANY($1::uuid[]) AND status = 'pending' AND attempts = 0
        RETURNING id`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One statement for a group of sends: each delivery's final status and its event on the ticket are
   * written together, or none. An email the server accepted also lifts its address's undeliverable
   * mark (with an event): a bounce marked it, and this later send went through.
   */
  async finish(results: FinishedDelivery[]): Promise<void> {
    if (results.length === 0) return;
    await runPrepared(
      this.dataSource.manager,
      `WITH result AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[]) AS r(id, status, ticket_id, type, data)
       ), done AS (
         UPDATE outbound_deliveries d SET status = r.status, sent_at = CASE WHEN r.status = 'sent' THEN now() END
           FROM result r WHERE d.id = r.id
         RETURNING d.id, d.channel, d.recipient, r.status, r.ticket_id, r.type, r.data
       ), cleared AS (
         UPDATE contacts SET email_undeliverable_at = NULL, email_undeliverable_reason = NULL, updated_at = now()
          WHERE email_undeliverable_at IS NOT NULL AND email IN (SELECT lower(recipient) FROM done WHERE status = 'sent' AND channel = 'email')
          RETURNING email
       ), recorded AS (
         INSERT INTO ticket_events (ticket_id, type, actor_type, data) SELECT ticket_id, type, 'system', data::jsonb FROM done
       )
       INSERT INTO ticket_events (ticket_id, type, actor_type, data)
       SELECT done.ticket_id, 'email_mark_cleared', 'system', jsonb_build_object('address', cleared.email, 'reason', 'delivered_send', 'deliveryId', done.id)
         FROM cleared JOIN done ON lower(done.recipient) = cleared.email AND done.status = 'sent' AND done.channel = 'email'`,
      [
        results.map((result) => result.id),
        results.map((result) => result.status),
        results.map((result) => result.ticketId),
        results.map((result) => result.event.type),
        results.map((result) => JSON.stringify(result.event.data)),
      ],
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
      // A send under way is not lost, however long it has taken: its lease says so until it runs out.
      where: { status: 'pending', createdAt: LessThan(new Date(Date.now() - olderThanMs)), sendingUntil: Or(IsNull(), LessThan(new Date())) },
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
