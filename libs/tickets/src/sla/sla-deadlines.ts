/** The promise of the support process: attention within 2 h, solution within 8 h, 24x7. */
export interface SlaPolicy {
  attentionMinutes: number;
  solutionMinutes: number;
}

export interface SlaDeadlines {
  attentionDueAt: Date;
  solutionDueAt: Date;
}

const MINUTE_MS = 60_000;

/** Deadlines of a ticket opened at `openedAt`. Service is 24x7, so no business-hours calendar applies. */
export function computeDeadlines(openedAt: Date, policy: SlaPolicy): SlaDeadlines {
  return {
    attentionDueAt: new Date(openedAt.getTime() + policy.attentionMinutes * MINUTE_MS),
    solutionDueAt: new Date(openedAt.getTime() + policy.solutionMinutes * MINUTE_MS),
  };
}
