import type { Severity } from '../severity/severity.js';

/**
 * The service levels of the support process, in "SLA minutes". `minuteMs` is 60 000 in production;
 * tests shrink time with it (e.g. one hour lasts one second) and every rule scales with it.
 */
export interface SlaPolicy {
  minuteMs: number;
  /** Attention (first response) within this many minutes, by severity [default 120 for all]. */
  attentionMinutes: Record<Severity, number>;
  /** Solution within this many minutes, by severity [default 480 for all]. */
  solutionMinutes: Record<Severity, number>;
  /** Share of a clock's time after which a ticket is "at risk" [0.75]. */
  atRiskShare: number;
  /** How often an unresolved ticket's customer gets a status update, by severity; null: only on resolution. */
  updateEveryMinutes: Record<Severity, number | null>;
}

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  minuteMs: 60_000,
  attentionMinutes: { 0: 120, 1: 120, 2: 120, 3: 120 },
  solutionMinutes: { 0: 480, 1: 480, 2: 480, 3: 480 },
  atRiskShare: 0.75,
  updateEveryMinutes: { 0: 30, 1: 60, 2: 240, 3: null },
};

export const minutesToMs = (policy: SlaPolicy, minutes: number): number => minutes * policy.minuteMs;
