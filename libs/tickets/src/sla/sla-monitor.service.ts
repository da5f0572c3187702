import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { ContactsRepository } from '../contacts.repository.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { renderStatusUpdate } from '../notifications/ticket-notices.template.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { QueueProducer } from '../queue-producer.js';
import { TicketChangePublisher } from '../realtime/ticket-change-publisher.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import { applyTransition } from '../workflow/ticket-transitions.js';
import { SlaAlertsRepository } from './sla-alerts.repository.js';
import { slaMoments, type SlaAlertKind } from './sla-moments.js';
import { nextStatusUpdateAt } from './ticket-clocks.js';

export interface SlaCheckResult {
  fired: SlaAlertKind[];
  escalatedTo?: string;
  deliveryIds: string[];
}

/**
 * Acts on a ticket's SLA moments when they come: an at-risk warning and a breach notice to the tier,
 * automatic escalation when the solution deadline passes, and the status updates owed to the
 * customer. Each moment fires once (a unique row per ticket, kind and due time), however often it
 * is checked: after a restart, a Redis flush, or two workers at once.
 */
@Injectable()
export class SlaMonitor {
  private readonly logger = new Logger(SlaMonitor.name);

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly contacts: ContactsRepository,
    private readonly alerts: SlaAlertsRepository,
    private readonly events: TicketEventsRepository,
    private readonly notifier: CustomerNotifier,
    private readonly producer: QueueProducer,
    private readonly changes: TicketChangePublisher,
  ) {}

  async check(ticketId: string, now = new Date()): Promise<SlaCheckResult> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const ticket = await this.tickets.lockById(ticketId, em);
      if (!ticket) return undefined;
      const result: SlaCheckResult = { fired: [], deliveryIds: [] };
      const tierBefore = ticket.tier;
      for (const moment of slaMoments(ticket).filter((due) => due.at <= now)) {
        if (!(await this.alerts.recordOnce(ticket.id, moment.kind, moment.at, em))) continue;
        result.fired.push(moment.kind);
        if (moment.kind === 'status_update') result.deliveryIds.push(...(await this.sendStatusUpdate(ticket, now, em)));
        else await this.events.append(ticket.id, [{ type: `sla_${moment.kind}`, data: { dueAt: moment.at.toISOString() } }], em);
        if (moment.kind === 'solution_breached') result.escalatedTo = await this.escalateOnBreach(ticket, em);
      }
      return { result, number: ticket.number, tiers: [tierBefore, ticket.tier] };
    });
    if (!outcome) return { fired: [], deliveryIds: [] };
    await this.producer.enqueueDeliveries(outcome.result.deliveryIds);
    for (const kind of outcome.result.fired) {
      if (kind !== 'status_update') this.changes.publishAlert({ number: outcome.number, tiers: outcome.tiers, kind });
    }
    if (outcome.result.fired.length > 0) this.changes.publish({ number: outcome.number, tiers: outcome.tiers, kind: 'updated' });
    return outcome.result;
  }

  /**
   * Schedules a check for every SLA moment of an open ticket that is due within `lookaheadMs` and
   * has not fired: moments already past (missed while Redis was empty or the worker down) run at once.
   */
  async scheduleUpcoming(lookaheadMs: number): Promise<number> {
    const rows = await this.alerts.findUnfiredDueWithin(lookaheadMs);
    await this.producer.scheduleSlaChecks(rows);
    return rows.length;
  }

  /** The solution promise is broken: the ticket moves up a tier so more capable hands take it. */
  private async escalateOnBreach(ticket: TicketEntity, em: EntityManager): Promise<string | undefined> {
    const result = applyTransition(ticket, { kind: 'escalate', reason: 'Venció el plazo de solución (SLA)' }, new Date());
    if (!result.ok) {
      await this.events.append(ticket.id, [{ type: 'sla_breach_not_escalated', data: { reason: result.reason } }], em);
      return undefined;
    }
    await this.tickets.update(ticket.id, result.patch, em);
    await this.events.append(ticket.id, [{ type: 'escalated', data: { ...result.event.data, automatic: true, by: 'Sistema (SLA)' } }], em);
    Object.assign(ticket, result.patch);
    this.logger.log(`ticket ${ticket.number} escalated to ${ticket.tier} after its solution deadline passed`);
    return ticket.tier;
  }

  private async sendStatusUpdate(ticket: TicketEntity, now: Date, em: EntityManager): Promise<string[]> {
    const dueAt = ticket.nextUpdateDueAt!;
    const nextUpdateAt = nextStatusUpdateAt(ticket.severity, now, this.config.sla);
    await this.tickets.update(ticket.id, { nextUpdateDueAt: nextUpdateAt }, em);
    const contact = await this.contacts.getById(ticket.contactId, em);
    const content = renderStatusUpdate({
      ticketNumber: ticket.number,
      severity: ticket.severity,
      tier: ticket.tier,
      status: ticket.status,
      progressNote: ticket.progressNote,
      progressNoteAt: ticket.progressNoteAt,
      nextUpdateAt,
      channel: ticket.channel,
    });
    const queued = await this.notifier.queueNotice(ticket, contact, 'status_update', content, { type: 'system' }, em, `status-update-${ticket.id}-${dueAt.getTime()}`);
    await this.events.append(ticket.id, [{ type: 'status_update_owed', data: { dueAt: dueAt.toISOString(), messageId: queued.message.id } }], em);
    return queued.deliveryIds;
  }
}
