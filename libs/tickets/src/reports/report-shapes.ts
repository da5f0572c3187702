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

export interface SatisfactionRow {
  dimension: 'all' | 'agent' | 'tier' | 'channel';
  /** The agent's id (or `none`), the tier, the channel; `all` for the total. */
  key: string;
  /** What a person reads: the agent's name, the tier, the channel. */
  label: string;
  sent: number;
  answered: number;
  /** 1 to 5, one decimal; null with no answers. */
  averageRating: number | null;
  /** Share of answers rated 4 or 5. */
  satisfiedPercent: number | null;
}

export interface SatisfactionReport {
  month: string;
  rows: SatisfactionRow[];
}
