import { describe, expect, it } from '@jest/globals';
import { mexicoCityMonth } from './format.js';

describe('mexicoCityMonth', () => {
  it('should still be the last month in Mexico City when it is already the next one in UTC', () => {
    // 31 January, 20:30 in Mexico City (UTC-6) is 1 February, 02:30 UTC.
    expect(mexicoCityMonth(new Date('2026-02-01T02:30:00Z'))).toBe('2026-01');
  });

  it('should turn the month at midnight Mexico City time', () => {
    expect(mexicoCityMonth(new Date('2026-02-01T06:00:00Z'))).toBe('2026-02');
  });
});
