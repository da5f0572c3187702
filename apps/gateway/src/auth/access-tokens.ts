import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AgentsService, type Actor, type AgentEntity } from '@app/tickets';
import { RevokedSessions } from './revoked-sessions.js';

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
  /** A scoped token's session (the `jti` of the API token it came from): it ends with it. */
  sid?: string;
}

/** A valid token: who it speaks for, a short stable id for per-token limits, and when it expires. */
export interface AgentSession {
  actor: Actor;
  tokenId: string;
  /** The sign-in this token belongs to (its own id for an API token): what signing out ends. */
  sessionId: string;
  expiresAt: Date;
}

/**
 * Signed access tokens (JWT, HS256). A token names its agent and session generation; tier, role,
 * whether the agent is still active and the generation are read fresh on every use, so a
 * demotion takes effect at once and a password change or deactivation ends every session; signing
 * out ends one (RevokedSessions).
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly agents: AgentsService,
    private readonly revoked: RevokedSessions,
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
  async issueScoped(session: AgentSession, scope: Exclude<TokenScope, 'api'>, ttlSeconds: number): Promise<{ token: string; expiresAt: Date } | undefined> {
    const agent = await this.agents.findActive(session.actor.id);
    if (!agent) return undefined;
    const claims: TokenClaims = { sub: agent.id, gen: agent.sessionGeneration, scope, sid: session.sessionId };
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
    const sessionId = typeof claims.sid === 'string' ? claims.sid : claims.jti;
    const [agent, revoked] = await Promise.all([this.agents.findActive(claims.sub), this.revoked.anyRevoked([claims.jti, sessionId])]);
    if (!agent || agent.sessionGeneration !== claims.gen || revoked) return undefined;
    return {
      actor: { id: agent.id, name: agent.name, tier: agent.tier, role: agent.role },
      tokenId: claims.jti,
      sessionId,
      expiresAt: new Date(claims.exp * 1_000),
    };
  }
}
