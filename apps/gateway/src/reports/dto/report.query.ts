import { QueryInt, QueryOneOf, QueryText } from '../../http/dto-fields.js';

/** GET /api/reports/sla. */
export class SlaReportQuery {
  @QueryText(7, '`YYYY-MM`; default this month in Mexico City.')
  month?: string;

  @QueryOneOf(['json', 'csv'], '`csv` for a spreadsheet.')
  format?: 'json' | 'csv';
}

/** GET /api/reports/availability. */
export class AvailabilityReportQuery {
  @QueryInt(1, 24, 'Default 6.')
  months?: number;
}
