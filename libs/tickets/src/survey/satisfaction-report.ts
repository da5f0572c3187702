import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '../errors.js';
import type { SatisfactionReport, SatisfactionRow } from '../reports/report-shapes.js';

const average = (sum: number, count: number): number | null => (count > 0 ? Math.round((sum / count) * 10) / 10 : null);
const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1_000) / 10 : null);

/**
 * Satisfaction per month (surveys sent that month, in Mexico City): answered, average rating and
 * the share of 4 or 5, overall and by the agent and tier that resolved the ticket and by channel.
 */
@Injectable()
export class SatisfactionReports {
  constructor(private readonly dataSource: DataSource) {}

  async forMonth(month: string): Promise<SatisfactionReport> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InvalidInputError('El mes (month) debe tener la forma 2026-11.');
    const rows = (await this.dataSource.query(
      `SELECT d.dimension, d.key, d.label, count(*)::int AS sent, count(s.rating)::int AS answered,
              coalesce(sum(s.rating), 0)::int AS rating_sum, count(*) FILTER (WHERE s.rating >= 4)::int AS satisfied
         FROM satisfaction_surveys s
         LEFT JOIN agents a ON a.id = s.agent_id
         CROSS JOIN LATERAL (VALUES ('all', 'all', 'Todos'), ('agent', coalesce(s.agent_id::text, 'none'), coalesce(a.name, 'Sin agente')),
                                    ('tier', s.tier, s.tier), ('channel', s.channel, s.channel)) AS d(dimension, key, label)
        WHERE s.created_at >= ($1 || '-01T00:00:00-06:00')::timestamptz AND s.created_at < ($1 || '-01T00:00:00-06:00')::timestamptz + interval '1 month'
          -- Sent: a survey withheld (its ticket reopened first) or not delivered asked nobody.
          AND EXISTS (SELECT 1 FROM outbound_deliveries sent WHERE sent.message_id = s.message_id AND sent.status = 'sent')
        GROUP BY d.dimension, d.key, d.label
        ORDER BY array_position(ARRAY['all', 'agent', 'tier', 'channel'], d.dimension), d.label`,
      [month],
    )) as Array<{ dimension: SatisfactionRow['dimension']; key: string; label: string; sent: number; answered: number; rating_sum: number; satisfied: number }>;
    return {
      month,
      rows: rows.map((row) => ({
        dimension: row.dimension,
        key: row.key,
        label: row.label,
        sent: row.sent,
        answered: row.answered,
        averageRating: average(row.rating_sum, row.answered),
        satisfiedPercent: percent(row.satisfied, row.answered),
      })),
    };
  }
}
