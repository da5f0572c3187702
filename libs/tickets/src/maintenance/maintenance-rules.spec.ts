import { describe, expect, it } from '@jest/globals';
import { checkWindow, quarterOf } from './maintenance-rules.js';

const policy = { noticeMinutes: 7 * 24 * 60, maxMinutes: 24 * 60, reminderMinutes: 24 * 60, audienceDays: 90 };
const MINUTE = 60_000;
const now = new Date('2026-01-10T12:00:00Z');
const window = (start: string, end: string) => ({ startsAt: new Date(start), endsAt: new Date(end) });

describe('checkWindow', () => {
  it('should accept a window of up to 24 hours announced at least 7 days ahead', () => {
    expect(checkWindow(window('2026-01-18T06:00:00Z', '2026-01-19T06:00:00Z'), [], policy, MINUTE, now)).toEqual({ ok: true, warnings: [] });
  });

  it('should refuse a window longer than 24 hours', () => {
    expect(checkWindow(window('2026-01-18T06:00:00Z', '2026-01-19T06:01:00Z'), [], policy, MINUTE, now)).toEqual({
      ok: false,
      reason: 'Un mantenimiento dura como máximo 24 horas.',
      code: 'maintenance_too_long',
    });
  });

  it('should refuse a window announced less than 7 days before it starts', () => {
    expect(checkWindow(window('2026-01-17T11:59:00Z', '2026-01-17T13:00:00Z'), [], policy, MINUTE, now)).toEqual({
      ok: false,
      reason: 'Un mantenimiento se anuncia con al menos 7 días de anticipación.',
      code: 'maintenance_notice_too_short',
    });
  });

  it('should refuse a window that ends before it starts', () => {
    expect(checkWindow(window('2026-02-01T10:00:00Z', '2026-02-01T09:00:00Z'), [], policy, MINUTE, now).ok).toBe(false);
  });

  it('should warn about a second window in the same quarter and about overlaps, but accept them', () => {
    const first = window('2026-02-01T06:00:00Z', '2026-02-01T10:00:00Z');
    expect(checkWindow(window('2026-03-15T06:00:00Z', '2026-03-15T08:00:00Z'), [first], policy, MINUTE, now)).toEqual({
      ok: true,
      warnings: ['Ya hay un mantenimiento en el primer trimestre de 2026: se espera uno por trimestre.'],
    });
    expect(checkWindow(window('2026-02-01T08:00:00Z', '2026-02-01T12:00:00Z'), [first], policy, MINUTE, now).ok && true).toBe(true);
    expect(checkWindow(window('2026-04-05T06:00:00Z', '2026-04-05T08:00:00Z'), [first], policy, MINUTE, now)).toEqual({ ok: true, warnings: [] });
  });
});

describe('quarterOf', () => {
  it('should use Mexico City time at the turn of a quarter', () => {
    expect(quarterOf(new Date('2026-04-01T03:00:00Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-04-01T07:00:00Z'))).toBe('2026-Q2');
  });
});
