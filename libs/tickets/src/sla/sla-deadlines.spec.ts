import { describe, expect, it } from '@jest/globals';
import { computeDeadlines } from './sla-deadlines.js';

describe('computeDeadlines', () => {
  const policy = { attentionMinutes: 120, solutionMinutes: 480 };

  it('should give attention in 2 h and solution in 8 h when the default policy applies', () => {
    const opened = new Date('2026-03-01T10:15:00Z');
    const deadlines = computeDeadlines(opened, policy);
    expect(deadlines.attentionDueAt.toISOString()).toBe('2026-03-01T12:15:00.000Z');
    expect(deadlines.solutionDueAt.toISOString()).toBe('2026-03-01T18:15:00.000Z');
  });

  it('should run through nights and weekends when a ticket opens late on a Saturday', () => {
    const opened = new Date('2026-03-07T23:30:00-06:00');
    const deadlines = computeDeadlines(opened, policy);
    expect(deadlines.solutionDueAt.toISOString()).toBe('2026-03-08T13:30:00.000Z');
  });
});
