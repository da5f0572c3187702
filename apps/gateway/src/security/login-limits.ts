import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RateLimitedException, waitText } from './rate-limited.exception.js';
import { RedisLimit, type LimitRule } from './redis-limit.js';

/**
 * Failed sign-ins that stop password guessing (docs/security.md): a guess at one account from
 * one address is slowed first; one account guessed from many addresses, and one address guessing
 * many accounts, have looser limits of their own. Only failures count, and a success clears its
 * account-and-address count, so a person who mistyped is not held back afterwards.
 */
export const LOGIN_LIMITS = {
  accountAtAddress: { name: 'login-account-address', points: 10, durationSeconds: 15 * 60 },
  account: { name: 'login-account', points: 50, durationSeconds: 60 * 60 },
  address: { name: 'login-address', points: 100, durationSeconds: 60 * 60 },
} as const satisfies Record<string, LimitRule>;

@Injectable()
export class LoginLimits {
  private readonly accountAtAddress: RedisLimit;
  private readonly account: RedisLimit;
  private readonly address: RedisLimit;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    const prefix = config.core.queuePrefix;
    this.accountAtAddress = new RedisLimit(redis, prefix, LOGIN_LIMITS.accountAtAddress);
    this.account = new RedisLimit(redis, prefix, LOGIN_LIMITS.account);
    this.address = new RedisLimit(redis, prefix, LOGIN_LIMITS.address);
  }

  /** A 429 when any of the three has too many failures already, before the password is even checked. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const verdicts = await Promise.all([
      this.accountAtAddress.check(`${email}|${address}`),
      this.account.check(email),
      this.address.check(address),
    ]);
    const refused = verdicts.filter((verdict) => !verdict.allowed);
    if (refused.length === 0) return;
    const retryAfterMs = Math.max(...refused.map((verdict) => (verdict.allowed ? 0 : verdict.retryAfterMs)));
    throw new RateLimitedException(`Demasiados intentos fallidos de inicio de sesión; intenta de nuevo en ${waitText(retryAfterMs)}`, retryAfterMs);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([this.accountAtAddress.consume(`${email}|${address}`), this.account.consume(email), this.address.consume(address)]);
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    await this.accountAtAddress.reset(`${email}|${address}`);
  }
}
