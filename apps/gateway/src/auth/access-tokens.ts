import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AgentsService, type Actor, type AgentEntity } from '@app/tickets';

/**
 * What a token may be used for: `api` (the bearer token of the inbox and the API) or `admin-pages`
 * (the short-lived cookie of the administrators' pages, admin-pages.ts). Each is refused where the other is expected.
 */
export type TokenScope = 'api' | 'admin-pages';

interface TokenClaims {
  sub: string;
  /** The agent's session generation when the token was issued (see AgentEntity.sessionGeneration). */
  gen: number;
  /** Absent on API tokens (those issued before scopes existed included). */
  scope?: Exclude<TokenScope, 'api'>;
}

/** A valid token: who it speaks for, a short stable id for per-token limits, and when it expires. */
export interface AgentSession {
  actor: Actor;
  tokenId: string;
  expiresAt: Date;
}

/**
 * Signed access tokens (JWT, HS256). A token names its agent and session generation; tier, role,
 * whether the agent is still active and the generation are read fresh on every use, so a
 * demotion takes effect at once and a password change or deactivation ends every session.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly agents: AgentsService,
  ) {}

  async issue(agent: AgentEntity): Promise<{ accessToken: string; expiresAt: string }> {
    // A fresh id per sign-in: two sign-ins in one second are still two sessions (per-token limits).
    const accessToken = await this.jwt.signAsync({ sub: agent.id, gen: agent.sessionGeneration } satisfies TokenClaims, { jwtid: randomUUID() });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, expiresAt: new Date(exp * 1_000).toISOString() };
  }

  /**
   * A token for one narrow use, shorter-lived than the session it comes from, that ends with it
   * (same agent and session generation, checked on every use); undefined when the agent is no longer active.
   */
  async issueScoped(agentId: string, scope: Exclude<TokenScope, 'api'>, ttlSeconds: number): Promise<{ token: string; expiresAt: Date } | undefined> {
    const agent = await this.agents.findActive(agentId);
    if (!agent) return undefined;
    const claims: TokenClaims = { sub: agent.id, gen: agent.sessionGeneration, scope };
    const token = await this.jwt.signAsync(claims, { jwtid: randomUUID(), expiresIn: ttlSeconds });
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1_000) };
  }

  /** The session behind a token, or undefined when it is malformed, expired, revoked, its agent inactive, or meant for another use. */
  async resolve(token: string, scope: TokenScope = 'api'): Promise<AgentSession | undefined> {
    let claims: TokenClaims & { exp: number; jti: string };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp: number; jti: string }>(token);
    } catch {
      return undefined;
    }
    if (typeof claims.sub !== 'string' || !Number.isInteger(claims.gen) || typeof claims.jti !== 'string') return undefined;
    if ((claims.scope ?? 'api') !== scope) return undefined;
    const agent = await this.agents.findActive(claims.sub);
    if (!agent || agent.sessionGeneration !== claims.gen) return undefined;
    return {
      actor: { id: agent.id, name: agent.name, tier: agent.tier, role: agent.role },
      tokenId: claims.jti,
      expiresAt: new Date(claims.exp * 1_000),
    };
  }
}
