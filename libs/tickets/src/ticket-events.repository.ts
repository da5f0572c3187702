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
   * ticket. Whoever reads events inside such a transaction flushes first (`SlaClocksService`).
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

  listForTicket(ticketId: string): Promise<TicketEventEntity[]> {
    return this.dataSource.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
