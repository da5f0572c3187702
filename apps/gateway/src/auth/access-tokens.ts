import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AgentsService, type Actor, type AgentEntity } from '@app/tickets';

interface TokenClaims {
  sub: string;
}

/**
 * Signed access tokens (JWT, HS256). A token names only its agent; tier, role and whether the
 * agent is still active are read fresh on every use, so a change takes effect at once.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly agents: AgentsService,
  ) {}

  async issue(agent: AgentEntity): Promise<{ accessToken: string; expiresAt: string }> {
    const accessToken = await this.jwt.signAsync({ sub: agent.id } satisfies TokenClaims);
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, expiresAt: new Date(exp * 1_000).toISOString() };
  }

  /** The actor behind a token, or undefined when it is malformed, expired, or its agent inactive. */
  async resolve(token: string): Promise<Actor | undefined> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return undefined;
    }
    const agent = await this.agents.findActive(claims.sub);
    return agent ? { id: agent.id, name: agent.name, tier: agent.tier, role: agent.role } : undefined;
  }
}
