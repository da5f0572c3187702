import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AvailabilityReport, MonthAvailability } from './report-shapes.js';

/** The service's promise: 99.3 % availability, excluding announced maintenance. */
export const AVAILABILITY_TARGET_PERCENT = 99.3;

/** Availability from a month's minute counts: null until anything was measured. */
export function monthAvailability(month: string, counts: { measured: number; up: number; maintenance: number }, byComponent: Record<string, number>): MonthAvailability {
  const percent = counts.measured > 0 ? Math.floor((counts.up / counts.measured) * 100_000) / 1_000 : null;
  return {
    month,
    measuredMinutes: counts.measured,
    upMinutes: counts.up,
    downMinutes: counts.measured - counts.up,
    maintenanceMinutes: counts.maintenance,
    availabilityPercent: percent,
    met: percent === null ? null : percent >= AVAILABILITY_TARGET_PERCENT,
    downMinutesByComponent: byComponent,
  };
}

/**
 * Monthly availability from the health samples: every minute since sampling began counts; a minute
 * is up when every component sampled in it was fine, and down when one failed or none was recorded;
 * minutes inside an announced (not cancelled) maintenance window are left out. A minute inside an
 * incident an administrator marked as downtime (`countsAsDowntime`) is down whatever the samples
 * say: the platform answered health checks, but customers could not do what they came for.
 */
@Injectable()
export class AvailabilityReports {
  constructor(private readonly dataSource: DataSource) {}

  async lastMonths(count: number): Promise<AvailabilityReport> {
    const rows = (await this.dataSource.query(
      `WITH first AS (SELECT min(minute) AS at FROM health_samples),
       months AS (
         SELECT generate_series(date_trunc('month', now()) - (($1::int - 1) || ' months')::interval, date_trunc('month', now()), '1 month') AS month
       ),
       minutes AS (
         SELECT m.month, g.minute
           FROM months m CROSS JOIN first f
           CROSS JOIN LATERAL generate_series(GREATEST(m.month, f.at),
                                              LEAST(m.month + interval '1 month', date_trunc('minute', now()) + interval '1 minute') - interval '1 minute',
                                              interval '1 minute') AS g(minute)
          WHERE f.at IS NOT NULL
       ),
       classified AS (
         SELECT mi.month,
                EXISTS (SELECT 1 FROM maintenance_windows w
                         WHERE w.cancelled_at IS NULL AND mi.minute >= date_trunc('minute', w.starts_at) AND mi.minute < w.ends_at) AS maintenance,
                (SELECT bool_and(s.ok) FROM health_samples s WHERE s.minute = mi.minute) AS all_ok,
                EXISTS (SELECT 1 FROM incidents i
                         WHERE i.counts_as_downtime AND mi.minute >= date_trunc('minute', i.opened_at) AND mi.minute < coalesce(i.resolved_at, now())) AS incident
           FROM minutes mi
       )
       SELECT to_char(m.month, 'YYYY-MM') AS month,
              count(c.month) FILTER (WHERE NOT c.maintenance)::int AS measured,
              count(c.month) FILTER (WHERE NOT c.maintenance AND c.all_ok AND NOT c.incident)::int AS up,
              count(c.month) FILTER (WHERE c.maintenance)::int AS maintenance,
              count(c.month) FILTER (WHERE NOT c.maintenance AND c.incident)::int AS incident
         FROM months m LEFT JOIN classified c ON c.month = m.month
        GROUP BY m.month ORDER BY m.month DESC`,
      [count],
    )) as Array<{ month: string; measured: number; up: number; maintenance: number; incident: number }>;
    const failures = (await this.dataSource.query(
      `SELECT to_char(date_trunc('month', minute), 'YYYY-MM') AS month, component, count(*)::int AS minutes
         FROM health_samples WHERE NOT ok AND minute >= date_trunc('month', now()) - (($1::int - 1) || ' months')::interval
        GROUP BY 1, 2`,
      [count],
    )) as Array<{ month: string; component: string; minutes: number }>;
    return {
      targetPercent: AVAILABILITY_TARGET_PERCENT,
      months: rows.map((row) =>
        monthAvailability(row.month, row, {
          ...Object.fromEntries(failures.filter((failure) => failure.month === row.month).map((failure) => [failure.component, failure.minutes])),
          ...(row.incident > 0 ? { incident: row.incident } : {}),
        }),
      ),
    };
  }
}
