import { SEVERITIES, type AvailabilityReport, type IncidentReport, type IncidentReportRow, type MonthAvailability, type SatisfactionReport, type SatisfactionRow, type Severity, type SlaReport, type SlaRow } from '@app/tickets';
import { Bool, Dict, Enum, Int, Nested, Num, Text, Time } from '../../openapi/response-fields.js';

// What the report routes answer (libs/tickets/src/reports/report-shapes.ts and incident-report.ts), for the OpenAPI document.

export class MonthAvailabilityResponse implements MonthAvailability {
  @Text({ description: '2026-11' })
  month!: string;

  @Int()
  measuredMinutes!: number;

  @Int()
  upMinutes!: number;

  @Int()
  downMinutes!: number;

  @Int({ description: 'Announced maintenance: not counted against the target.' })
  maintenanceMinutes!: number;

  @Num({ nullable: true })
  availabilityPercent!: number | null;

  @Bool({ nullable: true })
  met!: boolean | null;

  @Dict('integer', { description: 'Minutes down per component (gateway, mailbox, ...).' })
  downMinutesByComponent!: Record<string, number>;
}

export class AvailabilityReportResponse implements AvailabilityReport {
  @Num({ description: '99.3' })
  targetPercent!: number;

  @Nested(() => MonthAvailabilityResponse, { isArray: true })
  months!: MonthAvailabilityResponse[];
}

export class SlaRowResponse implements SlaRow {
  @Enum(['all', 'severity', 'tier', 'channel'])
  dimension!: SlaRow['dimension'];

  @Text()
  key!: string;

  @Int()
  tickets!: number;

  @Int({ description: 'Tickets whose attention outcome is known (answered, or overdue without an answer).' })
  attentionDecided!: number;

  @Int()
  attendedInTime!: number;

  @Num({ nullable: true })
  attentionPercent!: number | null;

  @Int()
  solutionDecided!: number;

  @Int()
  solvedInTime!: number;

  @Num({ nullable: true })
  solutionPercent!: number | null;
}

export class StatusUpdatesResponse {
  @Int()
  owed!: number;

  @Int()
  sentOnTime!: number;

  @Num({ nullable: true })
  percent!: number | null;

  @Int()
  toleranceMinutes!: number;
}

export class SlaReportResponse implements SlaReport {
  @Text()
  month!: string;

  @Dict('integer', { description: 'The attention promise per severity, in minutes.' })
  attentionMinutes!: Record<string, number>;

  @Dict('integer', { description: 'The solution promise per severity, in minutes.' })
  solutionMinutes!: Record<string, number>;

  @Nested(() => SlaRowResponse, { isArray: true })
  rows!: SlaRowResponse[];

  @Nested(() => StatusUpdatesResponse)
  statusUpdates!: StatusUpdatesResponse;
}

export class SatisfactionRowResponse implements SatisfactionRow {
  @Enum(['all', 'agent', 'tier', 'channel'])
  dimension!: SatisfactionRow['dimension'];

  @Text({ description: 'The agent\'s id (or `none`), the tier, the channel; `all` for the total.' })
  key!: string;

  @Text()
  label!: string;

  @Int()
  sent!: number;

  @Int()
  answered!: number;

  @Num({ nullable: true, description: '1 to 5, one decimal.' })
  averageRating!: number | null;

  @Num({ nullable: true, description: 'Share of answers rated 4 or 5.' })
  satisfiedPercent!: number | null;
}

export class SatisfactionReportResponse implements SatisfactionReport {
  @Text()
  month!: string;

  @Nested(() => SatisfactionRowResponse, { isArray: true })
  rows!: SatisfactionRowResponse[];
}

export class IncidentReportRowResponse implements IncidentReportRow {
  @Text()
  id!: string;

  @Text()
  title!: string;

  @Enum(SEVERITIES)
  severity!: Severity;

  @Text()
  status!: string;

  @Time()
  openedAt!: string;

  @Time({ nullable: true })
  resolvedAt!: string | null;

  @Int()
  durationMinutes!: number;

  @Dict('integer', { description: 'Linked customers per channel, and `total`.' })
  customers!: IncidentReportRow['customers'];

  @Num({ nullable: true })
  firstUpdateMinutes!: number | null;

  @Bool()
  countsAsDowntime!: boolean;
}

export class IncidentTotalsResponse {
  @Int()
  incidents!: number;

  @Int()
  customers!: number;

  @Int()
  durationMinutes!: number;

  @Num({ nullable: true })
  medianFirstUpdateMinutes!: number | null;
}

export class IncidentReportResponse implements IncidentReport {
  @Text()
  month!: string;

  @Nested(() => IncidentReportRowResponse, { isArray: true })
  incidents!: IncidentReportRowResponse[];

  @Nested(() => IncidentTotalsResponse)
  totals!: IncidentTotalsResponse;
}
