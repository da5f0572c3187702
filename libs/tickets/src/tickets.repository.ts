import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Channel, TicketStatus, Tier } from './domain.js';
import { TicketEntity } from './entities/ticket.entity.js';
import type { Severity } from './severity/severity.js';
import type { ThreadCandidate } from './threading/thread-decision.js';

export type NewTicket = Pick<
  TicketEntity,
  | 'channel'
  | 'subject'
  | 'severity'
  | 'severitySource'
  | 'severityReasons'
  | 'tier'
  | 'status'
  | 'contactId'
  | 'sourceInboundId'
  | 'attentionDueAt'
  | 'solutionDueAt'
  | 'lastCustomerMessageAt'
  | 'conversationRef'
> & { createdAt: Date };

export interface TicketListFilter {
  status?: TicketStatus;
  severity?: Severity;
  tier?: Tier;
  channel?: Channel;
  q?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class TicketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(ticket: NewTicket, em: EntityManager): Promise<TicketEntity> {
    const result = await em.insert(TicketEntity, ticket);
    const id = (result.identifiers[0] as { id: string }).id;
    return em.findOneOrFail(TicketEntity, { where: { id } });
  }

  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { id }, relations: { contact: true } });
  }

  findByConversation(channel: Channel, conversationRef: string, em: EntityManager): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { channel, conversationRef }, relations: { contact: true } });
  }

  findByNumber(number: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { number }, relations: { contact: true } });
  }

  /** Tickets with these numbers, each with the addresses of everyone who has taken part in it. */
  async findThreadCandidates(numbers: string[], em: EntityManager): Promise<ThreadCandidate[]> {
    if (numbers.length === 0) return [];
    const rows: Array<{ id: string; participants: string[] }> = await em.query(
      `SELECT t.id,
              array_remove(array_agg(DISTINCT p.address), NULL) AS participants
         FROM tickets t
         JOIN contacts c ON c.id = t.contact_id
         LEFT JOIN LATERAL (
           SELECT c.email AS address UNION SELECT c.phone
           UNION SELECT lower(m.from_address) FROM messages m
            WHERE m.ticket_id = t.id AND m.direction = 'inbound' AND m.from_address IS NOT NULL
         ) p ON true
        WHERE t.number = ANY($1)
        GROUP BY t.id`,
      [numbers],
    );
    return rows.map((row) => ({ ticketId: row.id, participants: row.participants }));
  }

  async list(filter: TicketListFilter): Promise<{ items: TicketEntity[]; total: number }> {
    const query = this.dataSource.manager
      .createQueryBuilder(TicketEntity, 't')
      .leftJoinAndSelect('t.contact', 'c')
      .orderBy('t.created_at', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.severity !== undefined) query.andWhere('t.severity = :severity', { severity: filter.severity });
    if (filter.tier) query.andWhere('t.tier = :tier', { tier: filter.tier });
    if (filter.channel) query.andWhere('t.channel = :channel', { channel: filter.channel });
    if (filter.q) {
      query.andWhere(
        `(t.number = upper(:exact) OR t.subject ILIKE :like OR c.email ILIKE :like OR c.name ILIKE :like)`,
        { exact: filter.q, like: `%${filter.q.replace(/[%_\\]/g, (char) => `\\${char}`)}%` },
      );
    }
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }
}
