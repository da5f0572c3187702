import { describe, expect, it } from '@jest/globals';
import { retentionCutoff } from './retention-policy.js';

describe('retentionCutoff', () => {
  const now = new Date('2026-03-15T12:00:00.000Z');

  it('should keep content forever when the setting is 0', () => {
    expect(retentionCutoff(now, 0)).toBeNull();
  });

  it('should reach back exactly that many days when the setting is positive', () => {
    expect(retentionCutoff(now, 180)?.toISOString()).toBe('2025-09-16T12:00:00.000Z');
    expect(retentionCutoff(now, 1)?.toISOString()).toBe('2026-03-14T12:00:00.000Z');
  });

  it('should keep content forever when the setting is not a positive number', () => {
    expect(retentionCutoff(now, -5)).toBeNull();
    expect(retentionCutoff(now, Number.NaN)).toBeNull();
  });
});
