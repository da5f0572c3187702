import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { MaintenanceNoticeEntity, type MaintenanceNoticeKind } from './maintenance-notice.entity.js';

@Injectable()
export class MaintenanceNoticesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One pending notice per customer with a ticket opened in the last `audienceDays`: by mail to a
   * deliverable address, else by SMS to their number (a caller who left no address, an address that
   * bounces); returns the ids of the notices it created (none twice per window and kind).
   */
  async queueForRecentCustomers(windowId: string, kind: MaintenanceNoticeKind, audienceDays: number, em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `INSERT INTO maintenance_notices (window_id, kind, recipient, channel)
       SELECT DISTINCT $1::uuid, $2, reach.recipient, reach.channel
         FROM contacts c JOIN tickets t ON t.contact_id = c.id
        CROSS JOIN LATERAL (
          SELECT CASE WHEN by_mail THEN c.email ELSE c.phone END AS recipient, CASE WHEN by_mail THEN 'email' ELSE 'phone' END AS channel
            FROM (SELECT c.email IS NOT NULL AND c.email_undeliverable_at IS NULL AS by_mail) AS mail) AS reach
        WHERE reach.recipient IS NOT NULL AND t.created_at > now() - ($3 || ' days')::interval
       ON CONFLICT (window_id, kind, recipient) DO NOTHING
       RETURNING id`,
      [windowId, kind, String(audienceDays)],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /**
   * One pending cancellation per address the window was announced or recalled to (nobody else heard
   * of it, so nobody else is told it is off); returns the ids of the notices it created.
   */
  async queueCancellationForTold(windowId: string, em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `INSERT INTO maintenance_notices (window_id, kind, recipient, channel)
       SELECT DISTINCT window_id, 'cancellation', recipient, channel
         FROM maintenance_notices
        WHERE window_id = $1 AND kind IN ('announcement', 'reminder')
       ON CONFLICT (window_id, kind, recipient) DO NOTHING
       RETURNING id`,
      [windowId],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  findById(id: string): Promise<MaintenanceNoticeEntity | null> {
    return this.dataSource.manager.findOneBy(MaintenanceNoticeEntity, { id });
  }

  async update(id: string, patch: Partial<Pick<MaintenanceNoticeEntity, 'status' | 'attempts' | 'sentAt' | 'lastError'>>): Promise<void> {
    await this.dataSource.manager.update(MaintenanceNoticeEntity, { id }, patch);
  }

  async findStalePending(olderThanMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.manager.find(MaintenanceNoticeEntity, {
      select: { id: true },
      where: { status: 'pending', createdAt: LessThan(new Date(Date.now() - olderThanMs)) },
      take: limit,
    });
    return rows.map((row) => row.id);
  }
}
