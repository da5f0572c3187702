import { Injectable } from '@nestjs/common';

const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

/** Slows password guessing: after 10 failed sign-ins for one email from one address, wait 5 minutes. */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  isBlocked(key: string, now = Date.now()): boolean {
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS) return false;
    return entry.count >= MAX_FAILURES;
  }

  recordFailure(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
