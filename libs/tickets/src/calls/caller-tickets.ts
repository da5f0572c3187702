import { Injectable } from '@nestjs/common';
import type { CallerTicketFinder } from '@app/channels';
import { DataSource, type EntityManager } from 'typeorm';
import { TicketEntity } from '../entities/ticket.entity.js';
import { decideThread } from '../threading/thread-decision.js';
import { canonicalTicketNumber } from '../threading/ticket-number-references.js';
import { TicketsRepository } from '../tickets.repository.js';

/** Tickets a caller may add a call to: the same participant rule as quoting a number in a mail. */
@Injectable()
export class CallerTickets implements CallerTicketFinder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
  ) {}

  /** The ticket whose number the caller typed ("123" or "000123" → IF-000123), if the caller takes part in it. */
  findByDigits(caller: string, digits: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    if (!/^\d{1,9}$/.test(digits)) return Promise.resolve(null);
    return this.findForCaller(caller, canonicalTicketNumber(digits.replace(/^0+(?=\d)/, '')), em);
  }

  /** The ticket with this number, if the caller takes part in it (nobody joins a stranger's ticket by guessing). */
  async findForCaller(caller: string, ticketNumber: string, em: EntityManager = this.dataSource.manager): Promise<TicketEntity | null> {
    const decision = decideThread(caller, { byNumber: await this.tickets.findThreadCandidates([ticketNumber], em) });
    const ticket = decision ? await this.tickets.findById(decision.ticketId, em) : null;
    return ticket ? this.tickets.followMerges(ticket, em) : null;
  }

  /** The caller's most recent ticket that is still open (not resolved, not merged), on any channel. */
  findOpen(caller: string, em: EntityManager): Promise<TicketEntity | null> {
    return this.tickets.findOpenForPhone(caller, em);
  }
}
