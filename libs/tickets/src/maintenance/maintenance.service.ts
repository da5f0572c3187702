import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MaintenanceCalendar } from '@app/channels';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { QueueProducer } from '../queue-producer.js';
import { SlaClocksService } from '../sla/sla-clocks.service.js';
import type { Actor } from '../workflow/actor.js';
import { checkWindow } from './maintenance-rules.js';
import type { MaintenanceNoticeKind } from './maintenance-notice.entity.js';
import { MaintenanceWindowEntity } from './maintenance-window.entity.js';
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
    private readonly clocks: SlaClocksService,
    private readonly producer: QueueProducer,
  ) {}

  list(): Promise<MaintenanceWindowEntity[]> {
    return this.dataSource.manager.find(MaintenanceWindowEntity, { order: { startsAt: 'DESC' }, take: 50 });
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
    if (!description) throw new InvalidInputError('description says what the maintenance is for');
    const { window, warnings, noticeIds } = await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ventanilla:maintenance'))`);
      const existing = await em.find(MaintenanceWindowEntity, { where: { cancelledAt: IsNull() } });
      const check = checkWindow(request, existing, this.config.maintenance, this.config.sla.minuteMs, new Date());
      if (!check.ok) throw new InvalidInputError(check.reason, check.code);
      const saved = await em.save(
        MaintenanceWindowEntity,
        em.create(MaintenanceWindowEntity, { startsAt: request.startsAt, endsAt: request.endsAt, description, createdBy: actor.id }),
      );
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
      const window = await em.findOne(MaintenanceWindowEntity, { where: { id: windowId }, lock: { mode: 'pessimistic_write' } });
      if (!window) throw new NotFoundError(`Maintenance window ${windowId} does not exist`);
      if (window.cancelledAt) return [];
      await em.update(MaintenanceWindowEntity, { id: windowId }, { cancelledAt: new Date() });
      const ids = await this.queueNotices(windowId, 'cancellation', em);
      await this.recomputeOpenTickets('mantenimiento cancelado', em);
      return ids;
    });
    this.windows.invalidate();
    await this.afterCommit(noticeIds);
    return this.dataSource.manager.findOneByOrFail(MaintenanceWindowEntity, { id: windowId });
  }

  /** The 24-hours-before reminder; once only, and not for a cancelled or already started window. */
  async sendReminder(windowId: string): Promise<number> {
    const noticeIds = await this.dataSource.transaction(async (em) => {
      const window = await em.findOne(MaintenanceWindowEntity, { where: { id: windowId }, lock: { mode: 'pessimistic_write' } });
      if (!window || window.cancelledAt || window.reminderSentAt || window.startsAt <= new Date()) return [];
      await em.update(MaintenanceWindowEntity, { id: windowId }, { reminderSentAt: new Date() });
      return this.queueNotices(windowId, 'reminder', em);
    });
    await this.afterCommit(noticeIds);
    return noticeIds.length;
  }

  /** Re-creates the reminder jobs of upcoming windows (after a restart or a Redis flush). */
  async scheduleReminders(): Promise<void> {
    const upcoming = await this.dataSource.manager.find(MaintenanceWindowEntity, { where: { cancelledAt: IsNull(), reminderSentAt: IsNull() } });
    for (const window of upcoming.filter((candidate) => candidate.startsAt > new Date())) {
      await this.producer.scheduleMaintenanceReminder(window.id, this.reminderAt(window));
    }
  }

  private reminderAt(window: MaintenanceWindowEntity): Date {
    return new Date(window.startsAt.getTime() - this.config.maintenance.reminderMinutes * this.config.sla.minuteMs);
  }

  /** One notice per address of customers with a ticket in the audience period (90 days), deliverable only. */
  private async queueNotices(windowId: string, kind: MaintenanceNoticeKind, em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `INSERT INTO maintenance_notices (window_id, kind, recipient)
       SELECT DISTINCT $1::uuid, $2, c.email
         FROM contacts c JOIN tickets t ON t.contact_id = c.id
        WHERE c.email IS NOT NULL AND c.email_undeliverable_at IS NULL
          AND t.created_at > now() - ($3 || ' days')::interval
       ON CONFLICT (window_id, kind, recipient) DO NOTHING
       RETURNING id`,
      [windowId, kind, String(this.config.maintenance.audienceDays)],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  private async recomputeOpenTickets(reason: string, em: EntityManager): Promise<void> {
    const open = (await em.query(`SELECT id FROM tickets WHERE status NOT IN ('resolved', 'merged')`)) as Array<{ id: string }>;
    for (const { id } of open) await this.clocks.recompute(id, reason, em);
  }

  private async afterCommit(noticeIds: string[]): Promise<void> {
    await this.producer.enqueueNotices(noticeIds).catch((error: Error) => {
      this.logger.warn(`maintenance notices stay pending for the sweep: ${error.message}`);
    });
  }
}
