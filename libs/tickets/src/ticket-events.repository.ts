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

  async append(ticketId: string, events: TicketEventInput[], em: EntityManager = this.dataSource.manager): Promise<void> {
    if (events.length === 0) return;
    await em.insert(
      TicketEventEntity,
      events.map((event) => ({
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
