import { Body, Controller, Get, HttpCode, Ip, Post, UnauthorizedException } from '@nestjs/common';
import { AgentsService, type Actor } from '@app/tickets';
import { requiredText } from '../http/body-fields.js';
import { FIELD_MAX } from '../http/field-limits.js';
import { LoginLimits } from '../security/login-limits.js';
import { AccessTokens } from './access-tokens.js';
import { CurrentActor, Public } from './auth.decorators.js';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly agents: AgentsService,
    private readonly tokens: AccessTokens,
    private readonly limits: LoginLimits,
  ) {}

  /** `ip` is the client as TRUST_PROXY says to read it (Express's `trust proxy`). */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Ip() ip: string) {
    const fields = (body ?? {}) as Record<string, unknown>;
    // Capped before they reach a limit key, a query or the password hash.
    const email = requiredText('email', fields.email, FIELD_MAX.email).trim().toLowerCase();
    const password = requiredText('password', fields.password, FIELD_MAX.password);
    await this.limits.assertAllowed(email, ip);
    const agent = await this.agents.authenticate(email, password);
    if (!agent) {
      await this.limits.recordFailure(email, ip);
      throw new UnauthorizedException('El correo o la contraseña no son correctos');
    }
    await this.limits.recordSuccess(email, ip);
    return { ...(await this.tokens.issue(agent)), agent: { id: agent.id, name: agent.name, email: agent.email, tier: agent.tier, role: agent.role } };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
