import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import type { AuthorType } from './domain.js';
import { TicketEventEntity } from './entities/ticket-event.entity.js';

export interface TicketEventInput {
  type: string;
  actorType?: AuthorType;
  actorId?: string | null;
  data?: Record<string, unknown>;
}

@Injectable()
export class TicketEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Events appended through a held transaction, written when it flushes them. */
  private readonly held = new WeakMap<EntityManager, Array<{ ticketId: string; event: TicketEventInput }>>();

  async append(ticketId: string, events: TicketEventInput[], em: EntityManager = this.dataSource.manager): Promise<void> {
    if (events.length === 0) return;
    const held = this.held.get(em);
    if (held) held.push(...events.map((event) => ({ ticketId, event })));
    else await this.insert(events.map((event) => ({ ticketId, event })), em);
  }

  /**
   * Keeps the events appended through `em` (a transaction) until `flushHeld`, which writes them all
   * with one multi-row INSERT, in the order they were appended: an intake group appends several per
   * ticket. The reads here that can run inside such a transaction flush first.
   */
  holdUntilFlush(em: EntityManager): void {
    this.held.set(em, []);
  }

  /** Writes the events held for `em` so far; later appends are held again until `stopHolding`. */
  async flushHeld(em: EntityManager): Promise<void> {
    const held = this.held.get(em);
    if (!held || held.length === 0) return;
    this.held.set(em, []);
    await this.insert(held, em);
  }

  async stopHolding(em: EntityManager): Promise<void> {
    await this.flushHeld(em);
    this.held.delete(em);
  }

  private async insert(rows: Array<{ ticketId: string; event: TicketEventInput }>, em: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await em.insert(
      TicketEventEntity,
      rows.map(({ ticketId, event }) => ({
        ticketId,
        type: event.type,
        actorType: event.actorType ?? 'system',
        actorId: event.actorId ?? null,
        // jsonb column: TypeORM's deep-partial type does not model free-form objects.
        data: (event.data ?? {}) as QueryDeepPartialEntity<Record<string, unknown>>,
      })),
    );
  }

  /** When the ticket was resolved and reopened, oldest first (the solution clock stands still in between). */
  async resolvedAndReopened(ticketId: string, em: EntityManager): Promise<Array<{ type: 'resolved' | 'reopened'; createdAt: Date }>> {
    // An intake group holds its events back: a 'reopened' it just appended must be read here.
    await this.flushHeld(em);
    const rows = (await em.query(
      `SELECT type, created_at FROM ticket_events WHERE ticket_id = $1 AND type IN ('resolved', 'reopened') ORDER BY id`,
      [ticketId],
    )) as Array<{ type: 'resolved' | 'reopened'; created_at: Date }>;
    return rows.map((row) => ({ type: row.type, createdAt: row.created_at }));
  }

  /**
   * Messages others wrote on the ticket (customer or agent) after event `sinceVersion`: how many,
   * and the newest event id (the ticket's version).
   */
  async countWrittenByOthersSince(ticketId: string, sinceVersion: string, actorId: string, em: EntityManager): Promise<{ changes: number; version: string | null }> {
    await this.flushHeld(em);
    const [row] = (await em.query(
      `SELECT count(*)::int AS changes, max(id)::text AS version FROM ticket_events
        WHERE ticket_id = $1 AND id > $2
          AND type IN ('message_received', 'reply_added', 'note_added')
          AND (actor_id IS DISTINCT FROM $3)`,
      [ticketId, sinceVersion, actorId],
    )) as Array<{ changes: number; version: string | null }>;
    return row ?? { changes: 0, version: null };
  }

  listForTicket(ticketId: string): Promise<TicketEventEntity[]> {
    return this.dataSource.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
