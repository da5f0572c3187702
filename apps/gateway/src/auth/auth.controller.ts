import { Body, Controller, Get, HttpCode, HttpException, Ip, Post, UnauthorizedException } from '@nestjs/common';
import { AgentsService, type Actor } from '@app/tickets';
import { requiredText } from '../http/body-fields.js';
import { AccessTokens } from './access-tokens.js';
import { CurrentActor, Public } from './auth.decorators.js';
import { LoginThrottle } from './login-throttle.js';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly agents: AgentsService,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Ip() ip: string) {
    const fields = (body ?? {}) as Record<string, unknown>;
    const email = requiredText('email', fields.email).trim().toLowerCase();
    const password = requiredText('password', fields.password);
    const key = `${email}|${ip}`;
    if (this.throttle.isBlocked(key)) throw new HttpException('too many failed sign-ins; try again in a few minutes', 429);
    const agent = await this.agents.authenticate(email, password);
    if (!agent) {
      this.throttle.recordFailure(key);
      throw new UnauthorizedException('email or password is wrong');
    }
    this.throttle.clear(key);
    return { ...(await this.tokens.issue(agent)), agent: { id: agent.id, name: agent.name, email: agent.email, tier: agent.tier, role: agent.role } };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
