import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { MaintenanceWindowsRepository } from '../maintenance/maintenance-windows.repository.js';
import type { Severity } from '../severity/severity.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Pause } from './clock-intervals.js';
import { computeTicketClocks, nextStatusUpdateAt, type TicketClocks } from './ticket-clocks.js';

/** Applies the pure clock rules to tickets in Postgres: on creation, and whenever an input changes. */
@Injectable()
export class SlaClocksService {
  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly tickets: TicketsRepository,
    private readonly windows: MaintenanceWindowsRepository,
    private readonly events: TicketEventsRepository,
  ) {}

  /** Clocks and first status update of a ticket opened now. */
  async forNewTicket(openedAt: Date, severity: Severity): Promise<TicketClocks & { nextUpdateDueAt: Date | null }> {
    const clocks = computeTicketClocks({ openedAt, severity, pauses: await this.maintenancePauses(openedAt) }, this.config.sla);
    return { ...clocks, nextUpdateDueAt: nextStatusUpdateAt(severity, openedAt, this.config.sla) };
  }

  /**
   * Recomputes a ticket's deadlines after its severity changed, it was reopened, or maintenance was
   * (un)scheduled; records the change and its explanation as an event when a deadline moved.
   */
  async recompute(ticketId: string, reason: string, em: EntityManager): Promise<void> {
    const ticket = await this.tickets.getRow(ticketId, em);
    const pauses = [...(await this.maintenancePauses(ticket.createdAt, em)), ...(await this.resolvedPauses(ticketId, em))];
    const clocks = computeTicketClocks({ openedAt: ticket.createdAt, severity: ticket.severity, pauses }, this.config.sla);
    const moved =
      clocks.attentionDueAt.getTime() !== ticket.attentionDueAt.getTime() || clocks.solutionDueAt.getTime() !== ticket.solutionDueAt.getTime();
    const { explanation, ...deadlines } = clocks;
    await this.tickets.update(ticketId, { ...deadlines, slaExplanation: explanation }, em);
    if (!moved) return;
    await this.events.append(
      ticketId,
      [
        {
          type: 'deadlines_recomputed',
          data: {
            reason,
            attentionDueAt: { from: ticket.attentionDueAt.toISOString(), to: clocks.attentionDueAt.toISOString() },
            solutionDueAt: { from: ticket.solutionDueAt.toISOString(), to: clocks.solutionDueAt.toISOString() },
            explanation: clocks.explanation,
          },
        },
      ],
      em,
    );
  }

  /** The next status update is owed one cadence after we last wrote to the customer. */
  async restartUpdateCadence(ticketId: string, wroteAt: Date, em: EntityManager): Promise<void> {
    const ticket = await this.tickets.getRow(ticketId, em);
    const open = ticket.status !== 'resolved' && ticket.status !== 'merged';
    await this.tickets.update(ticketId, { nextUpdateDueAt: open ? nextStatusUpdateAt(ticket.severity, wroteAt, this.config.sla) : null }, em);
  }

  private async maintenancePauses(from: Date, em?: EntityManager): Promise<Pause[]> {
    const windows = await this.windows.endingAfter(from, em);
    return windows.map((window) => ({ start: window.startsAt, end: window.endsAt, reason: 'maintenance' as const }));
  }

  /** Periods the ticket spent resolved before being reopened: its solution clock stood still. */
  private async resolvedPauses(ticketId: string, em: EntityManager): Promise<Pause[]> {
    const rows = await this.events.resolvedAndReopened(ticketId, em);
    const pauses: Pause[] = [];
    let resolvedAt: Date | undefined;
    for (const row of rows) {
      if (row.type === 'resolved') resolvedAt = row.createdAt;
      else if (resolvedAt) {
        pauses.push({ start: resolvedAt, end: row.createdAt, reason: 'resolved' });
        resolvedAt = undefined;
      }
    }
    return pauses;
  }
}
