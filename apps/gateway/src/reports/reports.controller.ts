import { Controller, Get, Query, Res } from '@nestjs/common';
import { AvailabilityReports, SatisfactionReports, SlaReports, slaReportCsv } from '@app/tickets';
import type { Response } from 'express';
import { optionalEnum, optionalInt, optionalText } from '../http/query-params.js';

const thisMonth = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

/** The SLA and availability promises, measured. */
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly sla: SlaReports,
    private readonly availability: AvailabilityReports,
    private readonly satisfaction: SatisfactionReports,
  ) {}

  /** Satisfaction surveys sent in `?month=` (default: this month in Mexico City), by agent, tier and channel. */
  @Get('satisfaction')
  satisfactionReport(@Query() query: Record<string, unknown>) {
    return this.satisfaction.forMonth(optionalText('month', query.month, 7) || thisMonth());
  }

  /** `?month=2026-11` (default: this month in Mexico City), `?format=csv` for a spreadsheet. */
  @Get('sla')
  async slaReport(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const report = await this.sla.forMonth(optionalText('month', query.month, 7) ?? thisMonth());
    if (optionalEnum('format', query.format, ['json', 'csv'] as const) !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="sla-${report.month}.csv"`);
    return slaReportCsv(report);
  }

  /** Availability per month against the 99.3 % target, announced maintenance excluded; `?months=` (1-24, default 6). */
  @Get('availability')
  availabilityReport(@Query() query: Record<string, unknown>) {
    return this.availability.lastMonths(optionalInt('months', query.months, 1, 24) ?? 6);
  }
}
