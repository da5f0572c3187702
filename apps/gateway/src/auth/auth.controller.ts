import { Body, Controller, Get, HttpCode, Ip, Post, UnauthorizedException } from '@nestjs/common';
import { AgentsService, type Actor, type MeJson } from '@app/tickets';
import { LoginLimits } from '../security/login-limits.js';
import { AccessTokens } from './access-tokens.js';
import { CurrentActor, Public } from './auth.decorators.js';
import { LoginDto } from './dto/login.dto.js';

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
  async login(@Body() credentials: LoginDto, @Ip() ip: string) {
    const email = credentials.email.trim().toLowerCase();
    const password = credentials.password;
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
  me(@CurrentActor() actor: Actor): MeJson {
    return actor;
  }
}
