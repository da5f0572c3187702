import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RateLimitedException, waitText } from './rate-limited.exception.js';
import { RedisLimit, type LimitRule } from './redis-limit.js';

/**
 * Failed sign-ins that stop password guessing (docs/security.md): a guess at one account from
 * one address is slowed first; one account guessed from many addresses, and one address guessing
 * many accounts, have looser limits of their own. Each attempt is counted before its password is
 * checked (counted after, attempts sent all at once were all checked before any was counted); a
 * success gives its count back and clears its account-and-address count, so in effect only failures
 * count and a person who mistyped is not held back afterwards.
 *
 * The account-wide limit does not apply at an address the account signed in from within
 * `KNOWN_ADDRESS_DAYS`: otherwise anyone could lock any agent (an administrator's address is easy
 * to guess) out for an hour by failing from a handful of addresses. Guessing from such an address
 * still meets the per-address limits.
 */
export const LOGIN_LIMITS = {
  accountAtAddress: { name: 'login-account-address', points: 10, durationSeconds: 15 * 60 },
  account: { name: 'login-account', points: 50, durationSeconds: 60 * 60 },
  address: { name: 'login-address', points: 100, durationSeconds: 60 * 60 },
} as const satisfies Record<string, LimitRule>;

/** An attempt `takeAttempt` let through: what it counted, for `recordSuccess` to give back. */
export interface LoginAttempt {
  email: string;
  address: string;
  /** The account signed in from this address before: the account-wide limit was not counted. */
  known: boolean;
}

/** How long a successful sign-in makes its address known for its account. */
export const KNOWN_ADDRESS_DAYS = 30;

@Injectable()
export class LoginLimits {
  private readonly accountAtAddress: RedisLimit;
  private readonly account: RedisLimit;
  private readonly address: RedisLimit;
  private readonly prefix: string;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {
    const prefix = config.core.queuePrefix;
    this.prefix = prefix;
    this.accountAtAddress = new RedisLimit(redis, prefix, LOGIN_LIMITS.accountAtAddress);
    this.account = new RedisLimit(redis, prefix, LOGIN_LIMITS.account);
    this.address = new RedisLimit(redis, prefix, LOGIN_LIMITS.address);
  }

  /**
   * Counts a sign-in attempt against the three limits, in Redis, before its password is checked: a
   * 429 when any is used up. A refused attempt gives back what it counted on the others (it was never
   * checked, so it must not use up the account's limit for its owner at other addresses).
   */
  async takeAttempt(email: string, address: string): Promise<LoginAttempt> {
    const counted: Array<[RedisLimit, string]> = [];
    const known = await this.isKnown(email, address);
    for (const [limit, key] of this.keys(email, address)) {
      if (known && limit === this.account) continue;
      const verdict = await limit.consume(key);
      if (!verdict.allowed) {
        await Promise.all(counted.map(([taken, takenKey]) => taken.refund(takenKey)));
        throw new RateLimitedException(`Demasiados intentos fallidos de inicio de sesión; intenta de nuevo en ${waitText(verdict.retryAfterMs)}`, verdict.retryAfterMs);
      }
      counted.push([limit, key]);
    }
    return { email, address, known };
  }

  /** The password was right: the attempt does not count, and this account at this address starts afresh. */
  async recordSuccess({ email, address, known }: LoginAttempt): Promise<void> {
    const [[accountAtAddress, pairKey], ...others] = this.keys(email, address);
    await Promise.all([
      accountAtAddress.reset(pairKey),
      ...others.filter(([limit]) => !(known && limit === this.account)).map(([limit, key]) => limit.refund(key)),
      this.redis.set(this.knownKey(email, address), '1', 'EX', KNOWN_ADDRESS_DAYS * 24 * 60 * 60).catch(() => undefined),
    ]);
  }

  /** Redis unreachable: not known (the in-memory limits apply as they are). */
  private async isKnown(email: string, address: string): Promise<boolean> {
    return (await this.redis.exists(this.knownKey(email, address)).catch(() => 0)) === 1;
  }

  private knownKey(email: string, address: string): string {
    return `${this.prefix}:login-known:${createHash('sha256').update(`${email}|${address}`).digest('base64url')}`;
  }

  private keys(email: string, address: string): Array<[RedisLimit, string]> {
    return [
      [this.accountAtAddress, `${email}|${address}`],
      [this.account, email],
      [this.address, address],
    ];
  }
}
