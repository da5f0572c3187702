import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import type { ChangedTicket } from '../realtime/ticket-change-publisher.js';
import type { Severity } from '../severity/severity.js';
import { SlaClocksService } from '../sla/sla-clocks.service.js';
import { nextStatusUpdateAt } from '../sla/ticket-clocks.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Actor } from '../workflow/actor.js';
import { IncidentsRepository } from './incidents.repository.js';

/**
 * An open incident carries the severity and the update cadence of every ticket linked to it: one
 * problem, one clock. A ticket that takes the incident's severity has its deadlines recomputed like
 * any severity change; its customer hears of it in the incident's updates, not in a notice of its own.
 */
@Injectable()
export class IncidentSeverityAligner {
  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly incidents: IncidentsRepository,
    private readonly events: TicketEventsRepository,
    private readonly clocks: SlaClocksService,
    private readonly tickets: TicketsRepository,
  ) {}

  /** Gives the open tickets among `ticketIds` the incident's severity; returns the numbers it changed. */
  async align(ticketIds: readonly string[], severity: Severity, reason: string, actor: Actor | null, em: EntityManager): Promise<ChangedTicket[]> {
    if (ticketIds.length === 0) return [];
    const tickets = await this.tickets.findOpenWithOtherSeverity(ticketIds, severity, em);
    for (const ticket of tickets) {
      await this.tickets.setSeverity(ticket.id, severity, reason, em);
      await this.events.append(
        ticket.id,
        [{ type: 'severity_changed', actorType: actor ? 'agent' : 'system', actorId: actor?.id ?? null, data: { from: ticket.severity, to: severity, reason, by: actor?.name ?? 'Ventanilla' } }],
        em,
      );
      await this.clocks.recompute(ticket.id, `severidad ${severity} (${reason})`, em);
      await this.clocks.restartUpdateCadence(ticket.id, new Date(), em);
    }
    return tickets.map(({ number, tier }) => ({ number, tier }));
  }

  /** The incident's next update is owed one cadence of its severity from now. */
  async restartCadence(incidentId: string, severity: Severity, em: EntityManager): Promise<void> {
    await this.incidents.update(incidentId, { nextUpdateDueAt: nextStatusUpdateAt(severity, new Date(), this.config.sla) }, em);
  }
}
