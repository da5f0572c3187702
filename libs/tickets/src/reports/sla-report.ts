import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import type { SlaReport, SlaRow } from './report-shapes.js';
import { reportMonth } from './report-month.js';

/** A status update sent within this many SLA minutes of its due time counts as on time. */
export const STATUS_UPDATE_TOLERANCE_MINUTES = 5;


const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1_000) / 10 : null);

/**
 * The monthly SLA report: of the tickets opened in a month (merged ones left out), the share
 * attended within the attention deadline and solved within the solution deadline, overall and by
 * severity, tier and channel; and whether the status updates owed that month went out on time.
 */
@Injectable()
export class SlaReports {
  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
  ) {}

  async forMonth(month: string): Promise<SlaReport> {
    reportMonth(month);
    const start = `${month}-01T00:00:00-06:00`;
    const rows = (await this.dataSource.query(
      `SELECT d.dimension, d.key, count(*)::int AS tickets,
              count(*) FILTER (WHERE t.first_response_at IS NOT NULL OR t.attention_due_at < now())::int AS attention_decided,
              count(*) FILTER (WHERE t.first_response_at <= t.attention_due_at)::int AS attended_in_time,
              count(*) FILTER (WHERE t.resolved_at IS NOT NULL OR t.solution_due_at < now())::int AS solution_decided,
              count(*) FILTER (WHERE t.resolved_at <= t.solution_due_at)::int AS solved_in_time
         FROM tickets t
         CROSS JOIN LATERAL (VALUES ('all', 'all'), ('severity', t.severity::text), ('tier', t.tier), ('channel', t.channel)) AS d(dimension, key)
        WHERE t.created_at >= $1::timestamptz AND t.created_at < $1::timestamptz + interval '1 month' AND t.status <> 'merged'
        GROUP BY d.dimension, d.key
        ORDER BY array_position(ARRAY['all', 'severity', 'tier', 'channel'], d.dimension), d.key`,
      [start],
    )) as Array<{ dimension: SlaRow['dimension']; key: string; tickets: number; attention_decided: number; attended_in_time: number; solution_decided: number; solved_in_time: number }>;
    const toleranceMs = STATUS_UPDATE_TOLERANCE_MINUTES * this.config.sla.minuteMs;
    const [updates] = (await this.dataSource.query(
      `SELECT count(*)::int AS owed,
              count(*) FILTER (WHERE d.status = 'sent' AND d.sent_at <= a.due_at + ($2 || ' milliseconds')::interval)::int AS on_time
         FROM sla_alerts a
         LEFT JOIN outbound_deliveries d
           ON d.dedupe_key = 'status-update-' || a.ticket_id || '-' || (extract(epoch FROM a.due_at) * 1000)::bigint
        WHERE a.kind = 'status_update' AND a.due_at >= $1::timestamptz AND a.due_at < $1::timestamptz + interval '1 month'`,
      [start, String(toleranceMs)],
    )) as Array<{ owed: number; on_time: number }>;
    return {
      month,
      attentionMinutes: this.config.sla.attentionMinutes,
      solutionMinutes: this.config.sla.solutionMinutes,
      rows: rows.map((row) => ({
        dimension: row.dimension,
        key: row.key,
        tickets: row.tickets,
        attentionDecided: row.attention_decided,
        attendedInTime: row.attended_in_time,
        attentionPercent: percent(row.attended_in_time, row.attention_decided),
        solutionDecided: row.solution_decided,
        solvedInTime: row.solved_in_time,
        solutionPercent: percent(row.solved_in_time, row.solution_decided),
      })),
      statusUpdates: {
        owed: updates?.owed ?? 0,
        sentOnTime: updates?.on_time ?? 0,
        percent: percent(updates?.on_time ?? 0, updates?.owed ?? 0),
        toleranceMinutes: STATUS_UPDATE_TOLERANCE_MINUTES,
      },
    };
  }
}

/** The report as CSV (one line per dimension and key, then the status-update line). */
export function slaReportCsv(report: SlaReport): string {
  const header = 'month,dimension,key,tickets,attention_decided,attended_in_time,attention_percent,solution_decided,solved_in_time,solution_percent';
  const lines = report.rows.map((row) =>
    [report.month, row.dimension, row.key, row.tickets, row.attentionDecided, row.attendedInTime, row.attentionPercent ?? '', row.solutionDecided, row.solvedInTime, row.solutionPercent ?? ''].join(','),
  );
  const updates = report.statusUpdates;
  return [header, ...lines, '', 'month,status_updates_owed,status_updates_on_time,status_updates_percent', [report.month, updates.owed, updates.sentOnTime, updates.percent ?? ''].join(','), ''].join(
    '\n',
  );
}
