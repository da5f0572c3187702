/**
 * A token bucket for one connection: `burst` requests at once, refilled evenly over `windowMs`.
 * `now` is a parameter so the rule is tested without a clock.
 */
export class ConnectionRateLimit {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly burst: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes one token; when there is none, says how long until there is. */
  take(now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const refillPerMs = this.burst / this.windowMs;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * refillPerMs);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - this.tokens) / refillPerMs) };
  }
}
