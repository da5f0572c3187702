import { Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import type { Channel } from '@app/channels';
import { aliasedColumns, entityFromAliasedRow, entityFromRow, type PreparedRead } from '@app/platform';
import type { CfdiDetails } from './cfdi/cfdi-details.js';
import { insertStatement, returnedRows, returningAll } from './database/combined-statements.repository.js';
import { WriteBehind } from './database/write-behind.js';
import type { TicketStatus, Tier } from './domain.js';
import { ContactEntity } from './entities/contact.entity.js';
import { TicketEntity } from './entities/ticket.entity.js';
import type { Severity } from './severity/severity.js';
import { phoneFromQuery, ticketNumberFromQuery } from './search/ticket-search-terms.js';
import type { ThreadCandidate } from './threading/thread-decision.js';

export type NewTicket = Pick<
  TicketEntity,
  | 'channel'
  | 'subject'
  | 'severity'
  | 'severitySource'
  | 'severityReasons'
  | 'severityConfidence'
  | 'severityModelVersion'
  | 'severityReview'
  | 'cfdi'
  | 'tier'
  | 'status'
  | 'contactId'
  | 'sourceInboundId'
  | 'attentionDueAt'
  | 'solutionDueAt'
  | 'lastCustomerMessageAt'
  | 'conversationRef'
  | 'attentionRiskAt'
  | 'solutionRiskAt'
  | 'nextUpdateDueAt'
  | 'slaExplanation'
> & {
  createdAt: Date;
  /** The same instant as `createdAt`: left to the database, it is the transaction's start, before it. */
  updatedAt: Date;
};

export const SLA_STATES = ['on_track', 'at_risk', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const TICKET_SORTS = ['newest', 'urgent'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketListFilter {
  /** The tiers the reader may see (enforced here, not only in the UI). */
  tiers: Tier[];
  status?: TicketStatus;
  severity?: Severity;
  tier?: Tier;
  channel?: Channel;
  sla?: SlaState;
  /** An agent id, or 'none' for unassigned tickets. */
  assignee?: string;
  contactId?: string;
  /** Only tickets whose proposed severity L1 should review (the classifier was unsure). */
  severityReview?: boolean;
  /**
   * Ticket number (short forms too: "3", "IF-3"), customer name or email, a 10-digit phone number, an
   * RFC or folio fiscal UUID, or words of subjects and messages (Spanish stemming).
   */
  q?: string;
  sort: TicketSort;
  limit: number;
  offset: number;
}

const OPEN = `t.status NOT IN ('resolved', 'merged')`;
const ATTENTION_LATE = `(COALESCE(t.first_response_at, now()) > t.attention_due_at)`;
const BREACHED = `(${OPEN} AND (${ATTENTION_LATE} OR t.solution_due_at < now()))`;
// "At risk" from the stored risk moments (75 % of a running clock by default, pauses included).
const AT_RISK = `(${OPEN} AND NOT ${BREACHED} AND ((t.first_response_at IS NULL AND now() >= t.attention_risk_at) OR now() >= t.solution_risk_at))`;
const SLA_CONDITIONS: Record<SlaState, string> = {
  breached: BREACHED,
  at_risk: AT_RISK,
  on_track: `(${OPEN} AND NOT ${BREACHED} AND NOT ${AT_RISK})`,
};

@Injectable()
export class TicketsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /** Inserts and returns the ticket with what the database generated (id, number, timestamps) in one round trip. */
  async insert(ticket: NewTicket, em: EntityManager): Promise<TicketEntity> {
    const [row] = await returnedRows(em, returningAll(insertStatement(em, TicketEntity, [ticket])));
    return entityFromRow(em.connection, TicketEntity, row!);
  }

  // A query builder's getOne reads ticket and contact in one statement; findOne with a relation
  // adds a DISTINCT query first (its pagination), and these two run on every intake.
  async findById(id: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    // Its contact may be one the group holds back (a claim).
    await this.writeBehind.flush(em, ['contacts']);
    return withContact(em).where('t.id = :id', { id }).getOne();
  }

  /** The ticket a message for this one belongs to: itself, or the ticket it was merged into. */
  async followMerges(ticket: TicketEntity, em: EntityManager = this.dataSource.manager): Promise<TicketEntity> {
    let current = ticket;
    for (let hops = 0; current.mergedIntoId && hops < 10; hops += 1) {
      const target = await this.findById(current.mergedIntoId, em);
      if (!target) break;
      current = target;
    }
    return current;
  }

  /** The ticket row alone (no relations); throws when it does not exist. */
  getRow(id: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity> {
    return em.findOneByOrFail(TicketEntity, { id });
  }

  /** The ticket row alone, locked until the transaction ends (SLA checks take turns on one ticket). */
  lockById(id: string, em: EntityManager): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The ticket row alone by number; with `lock`, locked until the transaction ends (changes by agents). */
  findRowByNumber(number: string, options: { lock: boolean }, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { number }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The ticket with its contact and assignee (what the inbox shows after a change). */
  getWithPeople(id: string, em: EntityManager): Promise<TicketEntity> {
    return em.findOneOrFail(TicketEntity, { where: { id }, relations: { contact: true, assignee: true } });
  }

  /** Ticket rows with these numbers (missing numbers are simply absent). */
  findRowsByNumbers(numbers: string[], em: EntityManager): Promise<TicketEntity[]> {
    return em.find(TicketEntity, { where: { number: In(numbers) } });
  }

  /** The open tickets among `ids` whose severity is not `severity` (an incident's severity is given to them). */
  findOpenWithOtherSeverity(ids: readonly string[], severity: Severity, em: EntityManager): Promise<TicketEntity[]> {
    return em.find(TicketEntity, { where: { id: In([...ids]), status: Not(In(['resolved', 'merged'])), severity: Not(severity) } });
  }

  /** The severity an agent (or the incident it joined) set, with why; it needs no review any more. */
  async setSeverity(id: string, severity: Severity, reason: string, em: EntityManager): Promise<void> {
    await em.update(TicketEntity, { id }, { severity, severitySource: 'agent', severityReasons: [reason], severityReview: false });
  }

  /** The caller's most recent ticket that is still open (not resolved, not merged), on any channel, with its contact. */
  findOpenForPhone(phone: string, em: EntityManager): Promise<TicketEntity | null> {
    return withContact(em)
      .where(`contact.phone = :phone AND t.status NOT IN ('resolved', 'merged')`, { phone })
      .orderBy('t.created_at', 'DESC')
      .getOne();
  }

  /**
   * The ticket a message from this number without a thread of its own (an SMS) answers: of the
   * number's contact's tickets that are open or were resolved since `resolvedSince`, the one with the
   * latest activity.
   */
  findLatestForPhone(phone: string, resolvedSince: Date, em: EntityManager): Promise<TicketEntity | null> {
    return withContact(em)
      .where(`contact.phone = :phone AND (t.status NOT IN ('resolved', 'merged') OR (t.status = 'resolved' AND t.resolved_at >= :resolvedSince))`, { phone, resolvedSince })
      .orderBy('t.updated_at', 'DESC')
      .getOne();
  }

  /**
   * Ticket rows with these ids in number order; with `lock`, locked until the transaction ends (in
   * that order, so concurrent broadcasts cannot deadlock).
   */
  findRowsByIds(ids: string[], options: { lock: boolean }, em: EntityManager = this.dataSource.manager): Promise<TicketEntity[]> {
    return em.find(TicketEntity, { where: { id: In(ids) }, order: { number: 'ASC' }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Ids of every ticket not resolved or merged. */
  async openIds(em: EntityManager): Promise<string[]> {
    const open = (await em.query(`SELECT id FROM tickets WHERE status NOT IN ('resolved', 'merged')`)) as Array<{ id: string }>;
    return open.map((row) => row.id);
  }

  async update(id: string, patch: QueryDeepPartialEntity<TicketEntity>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(TicketEntity, { id }, patch);
  }

  /** The customer wrote again: a resolved or waiting ticket is open again. */
  async recordCustomerMessage(id: string, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE tickets SET last_customer_message_at = now(), updated_at = now(),
                status = CASE WHEN status IN ('resolved', 'waiting_customer') THEN 'open' ELSE status END,
                resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END
          WHERE id = $1`,
      [id],
    );
  }

  /**
   * The tickets of these conversations of one channel, by conversation, with their contacts: an
   * intake group asks once for all its items, with its other first reads (`readTogether`); contacts
   * its transaction holds back must be flushed first, or they would be missing. Raw SQL, the columns
   * named from the metadata: every chat message asks, and the builder's composition and mapping of
   * this join cost more than the statement.
   */
  byConversations(channel: Channel, conversationRefs: string[], em: EntityManager): PreparedRead<Map<string, TicketEntity>> {
    return {
      text: `SELECT ${aliasedColumns(em.connection, TicketEntity, 't')}, ${aliasedColumns(em.connection, ContactEntity, 'c')}
         FROM tickets t LEFT JOIN contacts c ON c.id = t.contact_id
        WHERE t.channel = $1 AND t.conversation_ref = ANY($2::text[])`,
      values: [channel, conversationRefs],
      read: (rows) =>
        new Map(
          rows.map((row) => {
            const ticket = entityFromAliasedRow(em.connection, TicketEntity, 't', row);
            if (row.c_id !== null) ticket.contact = entityFromAliasedRow(em.connection, ContactEntity, 'c', row);
            return [ticket.conversationRef!, ticket];
          }),
        ),
    };
  }

  findByNumber(number: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { number }, relations: { contact: true, assignee: true } });
  }

  /** Replaces the ticket's CFDI details (the caller merged in what a new message says). */
  async saveCfdi(ticketId: string, cfdi: CfdiDetails, em: EntityManager): Promise<void> {
    await em.query(`UPDATE tickets SET cfdi = $2 WHERE id = $1`, [ticketId, JSON.stringify(cfdi)]);
  }

  /** Makes the intakes of one sender's mails take turns until this transaction ends. */
  async lockMailSender(address: string, em: EntityManager): Promise<void> {
    await this.lockSender('mail-tickets', address, em);
  }

  /** Until the transaction ends, other intakes of this sender's threadless messages (SMS) wait. */
  async lockThreadlessSender(phone: string, em: EntityManager): Promise<void> {
    await this.lockSender('threadless', phone, em);
  }

  private async lockSender(purpose: string, sender: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${purpose}:${sender.toLowerCase()}`]);
  }

  /** How many tickets the contact with this address opened by email since `since`. */
  async countOpenedByEmailSince(address: string, since: Date, em: EntityManager): Promise<number> {
    const [row] = await em.query<Array<{ opened: number }>>(
      `SELECT count(*)::int AS opened FROM tickets t JOIN contacts c ON c.id = t.contact_id
        WHERE c.email = $1 AND t.channel = 'email' AND t.created_at > $2`,
      [address.toLowerCase(), since],
    );
    return row?.opened ?? 0;
  }

  /** The sender's latest open ticket opened by email, or else their latest ticket opened by email. */
  findLatestByEmailSender(address: string, em: EntityManager): Promise<TicketEntity | null> {
    return em
      .createQueryBuilder(TicketEntity, 't')
      .innerJoinAndSelect('t.contact', 'c')
      .where(`c.email = :address AND t.channel = 'email'`, { address: address.toLowerCase() })
      .orderBy(`CASE WHEN ${OPEN} THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('t.created_at', 'DESC')
      // The join is many-to-one, so a plain LIMIT is safe.
      .limit(1)
      .getOne();
  }

  /** Tickets with these numbers, each with the addresses of everyone who has taken part in it. */
  async findThreadCandidates(numbers: string[], em: EntityManager): Promise<ThreadCandidate[]> {
    if (numbers.length === 0) return [];
    // Who took part includes the senders of messages an intake group still holds.
    await this.writeBehind.flush(em);
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
      .leftJoinAndSelect('t.assignee', 'a')
      .where('t.tier IN (:...tiers)', { tiers: filter.tiers })
      // The joins are many-to-one, so plain LIMIT/OFFSET pages correctly.
      .limit(filter.limit)
      .offset(filter.offset);
    const shortNumber = filter.q ? ticketNumberFromQuery(filter.q) : undefined;
    // The ticket a short form names ("3", "IF-3") comes first; what its words also match follows.
    if (shortNumber) query.orderBy(`CASE WHEN t.number = :number THEN 0 ELSE 1 END`, 'ASC').setParameter('number', shortNumber);
    if (filter.sort === 'urgent') {
      query
        .addOrderBy(`CASE WHEN ${OPEN} THEN 0 ELSE 1 END`, 'ASC')
        .addOrderBy('t.severity', 'ASC')
        .addOrderBy('t.solution_due_at', 'ASC');
    } else {
      query.addOrderBy('t.created_at', 'DESC');
    }
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.severity !== undefined) query.andWhere('t.severity = :severity', { severity: filter.severity });
    if (filter.tier) query.andWhere('t.tier = :tier', { tier: filter.tier });
    if (filter.channel) query.andWhere('t.channel = :channel', { channel: filter.channel });
    if (filter.sla) query.andWhere(SLA_CONDITIONS[filter.sla]);
    if (filter.contactId) query.andWhere('t.contact_id = :contactId', { contactId: filter.contactId });
    if (filter.severityReview) query.andWhere('t.severity_review');
    if (filter.assignee === 'none') query.andWhere('t.assignee_id IS NULL');
    else if (filter.assignee) query.andWhere('t.assignee_id = :assignee', { assignee: filter.assignee });
    if (filter.q) {
      const phone = phoneFromQuery(filter.q);
      query.andWhere(
        `(t.number = upper(:exact) OR c.email ILIKE :like OR c.claimed_email ILIKE :like OR c.name ILIKE :like
          ${shortNumber ? 'OR t.number = :number' : ''} ${phone ? 'OR c.phone = :phone' : ''}
          OR (t.cfdi -> 'uuid') ? upper(:exact) OR (t.cfdi -> 'rfc') ? upper(:exact) OR c.rfc = upper(:exact)
          OR t.search @@ websearch_to_tsquery('spanish', :q)
          OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND NOT m.automated AND m.search @@ websearch_to_tsquery('spanish', :q)))`,
        { exact: filter.q, q: filter.q, like: `%${filter.q.replace(/[%_\\]/g, (char) => `\\${char}`)}%`, ...(shortNumber ? { number: shortNumber } : {}), ...(phone ? { phone } : {}) },
      );
    }
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }
}

function withContact(em: EntityManager) {
  return em.createQueryBuilder(TicketEntity, 't').leftJoinAndSelect('t.contact', 'contact');
}
