import { describe, expect, it } from '@jest/globals';
import { slaSnapshot, type SlaClockInput } from './sla-state.js';

const created = new Date('2026-03-02T10:00:00Z');
const ticket = (patch: Partial<SlaClockInput> = {}): SlaClockInput => ({
  status: 'open',
  createdAt: created,
  attentionDueAt: new Date('2026-03-02T12:00:00Z'),
  solutionDueAt: new Date('2026-03-02T18:00:00Z'),
  firstResponseAt: null,
  resolvedAt: null,
  ...patch,
});
const at = (time: string) => new Date(`2026-03-02T${time}:00Z`);

describe('slaSnapshot', () => {
  it('should be on track early, at risk from 75 % of the attention time, breached after it', () => {
    expect(slaSnapshot(ticket(), at('10:30'))).toEqual({ attention: 'on_track', solution: 'on_track', overall: 'on_track' });
    expect(slaSnapshot(ticket(), at('11:30')).attention).toBe('at_risk');
    expect(slaSnapshot(ticket(), at('12:01'))).toMatchObject({ attention: 'breached', overall: 'breached' });
  });

  it('should count attention as met once someone answered in time, and follow the solution clock after', () => {
    const answered = ticket({ firstResponseAt: at('11:00') });
    expect(slaSnapshot(answered, at('14:00'))).toEqual({ attention: 'met', solution: 'on_track', overall: 'on_track' });
    expect(slaSnapshot(answered, at('16:30')).overall).toBe('at_risk');
  });

  it('should keep a late first answer as a breach of the attention promise', () => {
    expect(slaSnapshot(ticket({ firstResponseAt: at('12:30') }), at('13:00')).attention).toBe('breached');
  });

  it('should say done once resolved, and whether the solution came in time', () => {
    expect(slaSnapshot(ticket({ status: 'resolved', firstResponseAt: at('10:10'), resolvedAt: at('17:00') }), at('20:00'))).toEqual({
      attention: 'met',
      solution: 'met',
      overall: 'done',
    });
    expect(slaSnapshot(ticket({ status: 'resolved', resolvedAt: at('19:00') }), at('20:00')).solution).toBe('breached');
  });
});
