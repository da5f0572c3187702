import { QueryInt, QueryOneOf, QueryText } from '../../http/dto-fields.js';

/** GET /api/reports/incidents: one month. */
export class MonthReportQuery {
  @QueryText(7, '`YYYY-MM`; default this month in Mexico City.')
  month?: string;
}

/** GET /api/reports/sla. */
export class SlaReportQuery extends MonthReportQuery {
  @QueryOneOf(['json', 'csv'], '`csv` for a spreadsheet.')
  format?: 'json' | 'csv';
}

/** GET /api/reports/availability. */
export class AvailabilityReportQuery {
  @QueryInt(1, 24, 'Default 6.')
  months?: number;
}
