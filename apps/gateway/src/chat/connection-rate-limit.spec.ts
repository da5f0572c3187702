import { describe, expect, it } from '@jest/globals';
import { ConnectionRateLimit } from './connection-rate-limit.js';

describe('ConnectionRateLimit', () => {
  it('should allow a burst and refuse the request after it, saying when to retry', () => {
    const limit = new ConnectionRateLimit(3, 60_000, 0);
    expect([limit.take(0), limit.take(0), limit.take(0)]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(limit.take(0)).toEqual({ ok: false, retryAfterMs: 20_000 });
  });

  it('should allow again once enough time has refilled a token', () => {
    const limit = new ConnectionRateLimit(3, 60_000, 0);
    for (let index = 0; index < 3; index += 1) limit.take(0);
    expect(limit.take(19_999).ok).toBe(false);
    expect(limit.take(20_001).ok).toBe(true);
  });

  it('should never hold more than the burst after a long pause', () => {
    const limit = new ConnectionRateLimit(2, 1_000, 0);
    const results = [limit.take(3_600_000), limit.take(3_600_000), limit.take(3_600_000)];
    expect(results.map((result) => result.ok)).toEqual([true, true, false]);
  });
});
