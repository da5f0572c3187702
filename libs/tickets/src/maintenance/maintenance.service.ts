import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MaintenanceCalendar } from '@app/channels';
import { DataSource, type EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { QueueProducer } from '../queue-producer.js';
import { SlaClocksService } from '../sla/sla-clocks.service.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Actor } from '../workflow/actor.js';
import { checkWindow } from './maintenance-rules.js';
import type { MaintenanceNoticeKind } from './maintenance-notice.entity.js';
import type { MaintenanceWindowEntity } from './maintenance-window.entity.js';
import { MaintenanceNoticesRepository } from './maintenance-notices.repository.js';
import { MaintenanceWindowsRepository } from './maintenance-windows.repository.js';

export interface ScheduledWindow {
  window: MaintenanceWindowEntity;
  warnings: string[];
  noticesQueued: number;
}

/**
 * Planned maintenance: checks the process's rules, announces it to recent customers by email,
 * reminds them 24 h before, and stops SLA clocks during it (open tickets are recomputed).
 */
@Injectable()
export class MaintenanceService implements MaintenanceCalendar {
  private readonly logger = new Logger(MaintenanceService.name);

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
    private readonly windows: MaintenanceWindowsRepository,
    private readonly notices: MaintenanceNoticesRepository,
    private readonly tickets: TicketsRepository,
    private readonly clocks: SlaClocksService,
    private readonly producer: QueueProducer,
  ) {}

  list(): Promise<MaintenanceWindowEntity[]> {
    return this.windows.listRecent(50);
  }

  active(now = new Date()): Promise<MaintenanceWindowEntity | null> {
    return this.windows.activeAt(now);
  }

  /** The window going on at `now`, or starting within the reminder period: what the chat widget announces. */
  async windowToAnnounce(now: Date): Promise<MaintenanceWindowEntity | null> {
    const soon = new Date(now.getTime() + this.config.maintenance.reminderMinutes * this.config.sla.minuteMs);
    return (await this.windows.endingAfter(now)).find((candidate) => candidate.startsAt <= soon) ?? null;
  }

  async schedule(request: { startsAt: Date; endsAt: Date; description: string }, actor: Actor): Promise<ScheduledWindow> {
    const description = request.description.trim();
    if (!description) throw new InvalidInputError('Escribe la descripción: para qué es el mantenimiento.');
    const { window, warnings, noticeIds } = await this.dataSource.transaction(async (em) => {
      await this.windows.lockScheduling(em);
      const existing = await this.windows.findNotCancelled(em);
      const check = checkWindow(request, existing, this.config.maintenance, this.config.sla.minuteMs, new Date());
      if (!check.ok) throw new InvalidInputError(check.reason, check.code);
      const saved = await this.windows.insert({ startsAt: request.startsAt, endsAt: request.endsAt, description, createdBy: actor.id }, em);
      const ids = await this.queueNotices(saved.id, 'announcement', em);
      await this.recomputeOpenTickets(`mantenimiento programado del ${saved.startsAt.toISOString()}`, em);
      return { window: saved, warnings: check.warnings, noticeIds: ids };
    });
    this.windows.invalidate();
    await this.afterCommit(noticeIds);
    await this.producer.scheduleMaintenanceReminder(window.id, this.reminderAt(window)).catch((error: Error) => {
      this.logger.warn(`reminder of window ${window.id} left to the SLA sweep: ${error.message}`);
    });
    this.logger.log(`maintenance window ${window.id} scheduled; ${noticeIds.length} announcement(s) queued`);
    return { window, warnings, noticesQueued: noticeIds.length };
  }

  async cancel(windowId: string): Promise<MaintenanceWindowEntity> {
    const noticeIds = await this.dataSource.transaction(async (em) => {
      const window = await this.windows.lock(windowId, em);
      if (!window) throw new NotFoundError(`El mantenimiento ${windowId} no existe.`);
      if (window.cancelledAt) return [];
      await this.windows.update(windowId, { cancelledAt: new Date() }, em);
      const ids = await this.notices.queueCancellationForTold(windowId, em);
      await this.recomputeOpenTickets('mantenimiento cancelado', em);
      return ids;
    });
    this.windows.invalidate();
    await this.afterCommit(noticeIds);
    return this.windows.getById(windowId);
  }

  /** The 24-hours-before reminder; once only, and not for a cancelled or already started window. */
  async sendReminder(windowId: string): Promise<number> {
    const noticeIds = await this.dataSource.transaction(async (em) => {
      const window = await this.windows.lock(windowId, em);
      if (!window || window.cancelledAt || window.reminderSentAt || window.startsAt <= new Date()) return [];
      await this.windows.update(windowId, { reminderSentAt: new Date() }, em);
      return this.queueNotices(windowId, 'reminder', em);
    });
    await this.afterCommit(noticeIds);
    return noticeIds.length;
  }

  /** Re-creates the reminder jobs of upcoming windows (after a restart or a Redis flush). */
  async scheduleReminders(): Promise<void> {
    const upcoming = await this.windows.findAwaitingReminder();
    for (const window of upcoming.filter((candidate) => candidate.startsAt > new Date())) {
      await this.producer.scheduleMaintenanceReminder(window.id, this.reminderAt(window));
    }
  }

  private reminderAt(window: MaintenanceWindowEntity): Date {
    return new Date(window.startsAt.getTime() - this.config.maintenance.reminderMinutes * this.config.sla.minuteMs);
  }

  /** One notice per address of customers with a ticket in the audience period (90 days), deliverable only. */
  private queueNotices(windowId: string, kind: MaintenanceNoticeKind, em: EntityManager): Promise<string[]> {
    return this.notices.queueForRecentCustomers(windowId, kind, this.config.maintenance.audienceDays, em);
  }

  private async recomputeOpenTickets(reason: string, em: EntityManager): Promise<void> {
    for (const id of await this.tickets.openIds(em)) await this.clocks.recompute(id, reason, em);
  }

  private async afterCommit(noticeIds: string[]): Promise<void> {
    await this.producer.enqueueNotices(noticeIds).catch((error: Error) => {
      this.logger.warn(`maintenance notices stay pending for the sweep: ${error.message}`);
    });
  }
}
