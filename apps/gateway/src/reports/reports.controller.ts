import { Controller, Get, Query, Res } from '@nestjs/common';
import { AvailabilityReports, IncidentReports, SatisfactionReports, SlaReports, slaReportCsv } from '@app/tickets';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { AvailabilityReportQuery, MonthReportQuery, SlaReportQuery } from './dto/report.query.js';
import { AvailabilityReportResponse, IncidentReportResponse, SatisfactionReportResponse, SlaReportResponse } from './dto/report.response.js';

const thisMonth = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

/** The SLA and availability promises, measured. */
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly sla: SlaReports,
    private readonly availability: AvailabilityReports,
    private readonly incidents: IncidentReports,
    private readonly satisfaction: SatisfactionReports,
  ) {}

  /** Satisfaction surveys sent in `?month=` (default: this month in Mexico City), by agent, tier and channel. */
  @Get('satisfaction')
  @ApiOkResponse({ type: SatisfactionReportResponse })
  satisfactionReport(@Query() query: MonthReportQuery) {
    return this.satisfaction.forMonth(query.month ?? thisMonth());
  }

  /** `?month=2026-11` (default: this month in Mexico City), `?format=csv` for a spreadsheet. */
  @Get('sla')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SlaReportResponse, description: 'The report; with `format=csv`, the same rows as a CSV file.' })
  async slaReport(@Query() query: SlaReportQuery, @Res({ passthrough: true }) response: Response) {
    const report = await this.sla.forMonth(query.month ?? thisMonth());
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="sla-${report.month}.csv"`);
    return slaReportCsv(report);
  }

  /** Incidents opened in `?month=2026-11` (default: this month in Mexico City): duration, customers per channel, time to first update. */
  @Get('incidents')
  @ApiOkResponse({ type: IncidentReportResponse })
  incidentReport(@Query() query: MonthReportQuery) {
    return this.incidents.forMonth(query.month ?? thisMonth());
  }

  /** Availability per month against the 99.3 % target, announced maintenance excluded; `?months=` (1-24, default 6). */
  @Get('availability')
  @ApiOkResponse({ type: AvailabilityReportResponse })
  availabilityReport(@Query() query: AvailabilityReportQuery) {
    return this.availability.lastMonths(query.months ?? 6);
  }
}
