import { describe, expect, it } from '@jest/globals';
import { deadlineAfter, mergePauses, pausedBetween, type Pause } from './clock-intervals.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy.js';
import { computeTicketClocks, nextStatusUpdateAt } from './ticket-clocks.js';

const at = (time: string) => new Date(`2026-03-02T${time}:00Z`);
const pause = (start: string, end: string, reason: Pause['reason'] = 'maintenance'): Pause => ({ start: at(start), end: at(end), reason });
const HOUR = 3_600_000;
const iso = (date: Date) => date.toISOString().slice(11, 16);

describe('deadlineAfter', () => {
  it('should add the budget when nothing pauses the clock', () => {
    expect(iso(deadlineAfter(at('10:00'), 2 * HOUR, []))).toBe('12:00');
  });

  it('should push the deadline by a pause that starts before it', () => {
    expect(iso(deadlineAfter(at('10:00'), 2 * HOUR, [pause('11:00', '11:30')]))).toBe('12:30');
  });

  it('should ignore pauses after the deadline and before the start', () => {
    expect(iso(deadlineAfter(at('10:00'), 2 * HOUR, [pause('13:00', '14:00'), pause('08:00', '09:00')]))).toBe('12:00');
  });

  it('should start counting at the end of a pause the ticket opened in', () => {
    expect(iso(deadlineAfter(at('10:00'), 2 * HOUR, [pause('09:00', '11:00')]))).toBe('13:00');
  });

  it('should keep pushing when the pushed deadline falls into a second pause', () => {
    expect(iso(deadlineAfter(at('10:00'), 2 * HOUR, [pause('11:00', '12:00'), pause('12:30', '13:00')]))).toBe('13:30');
  });

  it('should count overlapping pauses once', () => {
    expect(mergePauses([pause('11:00', '12:00'), pause('11:30', '12:30'), pause('12:30', '12:45')])).toEqual([pause('11:00', '12:45')]);
    expect(iso(deadlineAfter(at('10:00'), 2 * HOUR, [pause('11:00', '12:00'), pause('11:30', '12:30')]))).toBe('13:30');
  });

  it('should measure paused time only inside the asked stretch', () => {
    expect(pausedBetween(at('10:00'), at('12:00'), [pause('11:30', '13:00')])).toBe(HOUR / 2);
  });
});

describe('computeTicketClocks', () => {
  const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, solutionMinutes: { 0: 240, 1: 480, 2: 480, 3: 480 } };

  it('should give 2 h attention and 8 h solution with at-risk marks at 75 % when nothing pauses', () => {
    const clocks = computeTicketClocks({ openedAt: at('10:00'), severity: 2, pauses: [] }, policy);
    expect([clocks.attentionRiskAt, clocks.attentionDueAt, clocks.solutionRiskAt, clocks.solutionDueAt].map(iso)).toEqual([
      '11:30',
      '12:00',
      '16:00',
      '18:00',
    ]);
    expect(clocks.explanation).toBe('Severidad 2: atención en 2 h y solución en 8 h desde la apertura.');
  });

  it('should recompute from the opening when the severity changes mid-way (possibly into the past)', () => {
    const raised = computeTicketClocks({ openedAt: at('10:00'), severity: 0, pauses: [] }, policy);
    expect(iso(raised.solutionDueAt)).toBe('14:00');
    expect(raised.explanation).toContain('Severidad 0: atención en 2 h y solución en 4 h');
  });

  it('should not run during an announced maintenance window that overlaps the clocks, and say so', () => {
    const clocks = computeTicketClocks({ openedAt: at('10:00'), severity: 2, pauses: [pause('11:00', '12:30')] }, policy);
    expect([clocks.attentionDueAt, clocks.solutionDueAt].map(iso)).toEqual(['13:30', '19:30']);
    expect(clocks.explanation).toContain('más 1 h 30 min en pausa');
  });

  it('should continue the solution clock where it stopped when a resolved ticket is reopened', () => {
    const clocks = computeTicketClocks({ openedAt: at('10:00'), severity: 2, pauses: [pause('13:00', '15:00', 'resolved')] }, policy);
    expect(iso(clocks.solutionDueAt)).toBe('20:00');
  });

  it('should scale every rule with the length of an SLA minute (tests: one hour lasts one second)', () => {
    const fast = { ...policy, minuteMs: 1_000 / 60 };
    const clocks = computeTicketClocks({ openedAt: at('10:00'), severity: 2, pauses: [] }, fast);
    expect(clocks.attentionDueAt.getTime() - at('10:00').getTime()).toBe(2_000);
    expect(clocks.solutionDueAt.getTime() - at('10:00').getTime()).toBe(8_000);
  });
});

describe('nextStatusUpdateAt', () => {
  it('should follow the cadence of the severity: 30 min, 1 h, 4 h, and none for severity 3', () => {
    const wrote = at('10:00');
    expect([0, 1, 2].map((severity) => iso(nextStatusUpdateAt(severity as 0 | 1 | 2, wrote, DEFAULT_SLA_POLICY)!))).toEqual(['10:30', '11:00', '14:00']);
    expect(nextStatusUpdateAt(3, wrote, DEFAULT_SLA_POLICY)).toBeNull();
  });
});
