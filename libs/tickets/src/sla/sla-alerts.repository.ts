import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SlaAlertKind } from './sla-moments.js';

/** The SLA moments that fired: one row per ticket, kind and due time, so each fires once. */
@Injectable()
export class SlaAlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records that the moment fired; false when it had fired already. */
  async recordOnce(ticketId: string, kind: SlaAlertKind, dueAt: Date, em: EntityManager): Promise<boolean> {
    const inserted = (await em.query(
      `INSERT INTO sla_alerts (ticket_id, kind, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
      [ticketId, kind, dueAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** Every moment of an open ticket due within `lookaheadMs` (or past) that has not fired. */
  async findUnfiredDueWithin(lookaheadMs: number): Promise<Array<{ ticketId: string; at: Date }>> {
    const rows = (await this.dataSource.query(
      `SELECT t.id AS ticket_id, m.at
         FROM tickets t
         CROSS JOIN LATERAL (VALUES
           ('attention_at_risk', t.attention_risk_at, t.first_response_at IS NULL),
           ('attention_breached', t.attention_due_at, t.first_response_at IS NULL),
           ('solution_at_risk', t.solution_risk_at, true),
           ('solution_breached', t.solution_due_at, true),
           ('status_update', t.next_update_due_at, t.next_update_due_at IS NOT NULL)
         ) AS m(kind, at, applies)
        WHERE t.status NOT IN ('resolved', 'merged') AND m.applies AND m.at <= now() + ($1 || ' milliseconds')::interval
          AND NOT EXISTS (SELECT 1 FROM sla_alerts a WHERE a.ticket_id = t.id AND a.kind = m.kind AND a.due_at = m.at)`,
      [String(lookaheadMs)],
    )) as Array<{ ticket_id: string; at: Date }>;
    return rows.map((row) => ({ ticketId: row.ticket_id, at: row.at }));
  }
}
