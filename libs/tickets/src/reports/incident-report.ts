import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel } from '@app/channels';
import type { Severity } from '../severity/severity.js';
import { reportMonth } from './report-month.js';

export interface IncidentReportRow {
  id: string;
  title: string;
  severity: Severity;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  /** From opening to resolution (or to now, while unresolved). */
  durationMinutes: number;
  /** Linked tickets' customers per channel. */
  customers: Partial<Record<Channel, number>> & { total: number };
  /** From opening to the first update posted to customers; null when none was. */
  firstUpdateMinutes: number | null;
  countsAsDowntime: boolean;
}

export interface IncidentReport {
  month: string;
  incidents: IncidentReportRow[];
  totals: { incidents: number; customers: number; durationMinutes: number; medianFirstUpdateMinutes: number | null };
}

/** Incidents opened in a month (Mexico City time): how long each lasted, whom it affected, how soon they heard. A suspected one dismissed as a false alarm was none. */
@Injectable()
export class IncidentReports {
  constructor(private readonly dataSource: DataSource) {}

  async forMonth(month: string): Promise<IncidentReport> {
    reportMonth(month);
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.title, i.severity, i.status, i.opened_at, i.resolved_at, i.counts_as_downtime,
              extract(epoch FROM coalesce(i.resolved_at, now()) - i.opened_at) / 60 AS duration_minutes,
              extract(epoch FROM (SELECT min(u.created_at) FROM incident_updates u WHERE u.incident_id = i.id) - i.opened_at) / 60 AS first_update_minutes,
              coalesce((SELECT json_object_agg(channel, customers) FROM (
                 SELECT t.channel, count(DISTINCT t.contact_id)::int AS customers
                   FROM incident_tickets l JOIN tickets t ON t.id = l.ticket_id
                  WHERE l.incident_id = i.id GROUP BY t.channel) per_channel), '{}') AS customers
         FROM incidents i
        WHERE to_char(i.opened_at AT TIME ZONE 'America/Mexico_City', 'YYYY-MM') = $1 AND i.dismissed_at IS NULL
        ORDER BY i.opened_at`,
      [month],
    )) as Array<{
      id: string;
      title: string;
      severity: number;
      status: string;
      opened_at: Date;
      resolved_at: Date | null;
      counts_as_downtime: boolean;
      duration_minutes: string;
      first_update_minutes: string | null;
      customers: Partial<Record<Channel, number>>;
    }>;
    const incidents = rows.map((row) => ({
      id: row.id,
      title: row.title,
      severity: row.severity as Severity,
      status: row.status,
      openedAt: row.opened_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      durationMinutes: Math.round(Number(row.duration_minutes)),
      customers: { ...row.customers, total: Object.values(row.customers).reduce((sum, count) => sum + (count ?? 0), 0) },
      firstUpdateMinutes: row.first_update_minutes === null ? null : Math.round(Number(row.first_update_minutes)),
      countsAsDowntime: row.counts_as_downtime,
    }));
    return { month, incidents, totals: totals(incidents) };
  }
}

function totals(incidents: readonly IncidentReportRow[]): IncidentReport['totals'] {
  const firstUpdates = incidents.map((incident) => incident.firstUpdateMinutes).filter((minutes): minutes is number => minutes !== null).sort((a, b) => a - b);
  return {
    incidents: incidents.length,
    customers: incidents.reduce((sum, incident) => sum + incident.customers.total, 0),
    durationMinutes: incidents.reduce((sum, incident) => sum + incident.durationMinutes, 0),
    medianFirstUpdateMinutes: firstUpdates.length === 0 ? null : firstUpdates[Math.floor((firstUpdates.length - 1) / 2)]!,
  };
}
