import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SlaExposureCounts {
  atRisk: number;
  breached: number;
}

/**
 * How many open tickets are at risk or breached right now, counted in Postgres with the rules of
 * `slaSnapshot` (sla-state.ts): a late first response stays a breach; at risk is not yet breached.
 */
@Injectable()
export class SlaExposureRepository {
  constructor(private readonly dataSource: DataSource) {}

  async count(now = new Date()): Promise<SlaExposureCounts> {
    const [row] = (await this.dataSource.query(
      `WITH open AS (
         SELECT (first_response_at IS NULL AND attention_due_at < $1) OR coalesce(first_response_at > attention_due_at, false)
                  OR solution_due_at < $1 AS breached,
                (first_response_at IS NULL AND attention_risk_at <= $1) OR solution_risk_at <= $1 AS risky
           FROM tickets WHERE status NOT IN ('resolved', 'merged'))
       SELECT count(*) FILTER (WHERE breached)::int AS breached,
              count(*) FILTER (WHERE risky AND NOT breached)::int AS at_risk
         FROM open`,
      [now],
    )) as Array<{ breached: number; at_risk: number }>;
    return { atRisk: row?.at_risk ?? 0, breached: row?.breached ?? 0 };
  }
}
