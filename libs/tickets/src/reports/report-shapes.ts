/** What the report routes answer; no imports, so the inbox bundle reads the same types. */

export interface MonthAvailability {
  month: string;
  measuredMinutes: number;
  upMinutes: number;
  downMinutes: number;
  maintenanceMinutes: number;
  availabilityPercent: number | null;
  met: boolean | null;
  downMinutesByComponent: Record<string, number>;
}

export interface AvailabilityReport {
  targetPercent: number;
  months: MonthAvailability[];
}

export interface SlaRow {
  dimension: 'all' | 'severity' | 'tier' | 'channel';
  key: string;
  tickets: number;
  /** Tickets whose attention outcome is known (answered, or overdue without an answer). */
  attentionDecided: number;
  attendedInTime: number;
  attentionPercent: number | null;
  solutionDecided: number;
  solvedInTime: number;
  solutionPercent: number | null;
}

export interface SlaReport {
  month: string;
  attentionMinutes: Record<string, number>;
  solutionMinutes: Record<string, number>;
  rows: SlaRow[];
  statusUpdates: { owed: number; sentOnTime: number; percent: number | null; toleranceMinutes: number };
}
