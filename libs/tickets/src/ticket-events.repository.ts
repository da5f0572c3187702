import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import type { AuthorType, Tier } from './domain.js';
import { insertStatement, type SqlStatement } from './database/combined-statements.repository.js';
import { WriteBehind } from './database/write-behind.js';
import { TicketEventEntity } from './entities/ticket-event.entity.js';

export interface TicketEventInput {
  type: string;
  actorType?: AuthorType;
  actorId?: string | null;
  data?: Record<string, unknown>;
}

@Injectable()
export class TicketEventsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /** Through a holding transaction (an intake group) the events wait for its flush, in the order appended. */
  async append(ticketId: string, events: TicketEventInput[], em: EntityManager = this.dataSource.manager): Promise<void> {
    const rows = events.map((event) => ({ ticketId, event }));
    await this.writeBehind.write('ticket_events', rows, (held, db) => [this.insertStatement(held, db)], em);
  }

  private insertStatement(rows: Array<{ ticketId: string; event: TicketEventInput }>, em: EntityManager): SqlStatement {
    return insertStatement(
      em,
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
    await this.writeBehind.flush(em);
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
    await this.writeBehind.flush(em);
    const [row] = (await em.query(
      `SELECT count(*)::int AS changes, max(id)::text AS version FROM ticket_events
        WHERE ticket_id = $1 AND id > $2
          AND type IN ('message_received', 'reply_added', 'note_added')
          AND (actor_id IS DISTINCT FROM $3)`,
      [ticketId, sinceVersion, actorId],
    )) as Array<{ changes: number; version: string | null }>;
    return row ?? { changes: 0, version: null };
  }

  /** The agent who last escalated the ticket out of `tier` (an automatic escalation has none). */
  async lastEscalatedFrom(ticketId: string, tier: Tier, em: EntityManager): Promise<string | null> {
    const [row] = (await em.query(
      `SELECT actor_id FROM ticket_events
        WHERE ticket_id = $1 AND type = 'escalated' AND data->>'from' = $2 AND actor_id IS NOT NULL
        ORDER BY id DESC LIMIT 1`,
      [ticketId, tier],
    )) as Array<{ actor_id: string }>;
    return row?.actor_id ?? null;
  }

  listForTicket(ticketId: string): Promise<TicketEventEntity[]> {
    return this.dataSource.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
