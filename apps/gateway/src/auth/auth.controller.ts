import { Body, Controller, Get, HttpCode, Ip, Post, UnauthorizedException } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { AgentsService, type Actor, type LoginJson, type MeJson } from '@app/tickets';
import { ApiOkResponse, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { MeResponse } from '../agents/dto/agent.response.js';
import { LoginLimits } from '../security/login-limits.js';
import { AccessTokens, type AgentSession } from './access-tokens.js';
import { CurrentActor, CurrentSession, Public } from './auth.decorators.js';
import { RevokedSessions } from './revoked-sessions.js';
import { ErrorResponse } from '../http/error.response.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginResponse } from './dto/login.response.js';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly agents: AgentsService,
    private readonly tokens: AccessTokens,
    private readonly limits: LoginLimits,
    private readonly revoked: RevokedSessions,
  ) {}

  /** `ip` is the client as TRUST_PROXY says to read it (Express's `trust proxy`). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (in Spanish, for the sign-in page).', schema: { $ref: getSchemaPath(ErrorResponse) } })
  async login(@Body() credentials: LoginDto, @Ip() ip: string): Promise<LoginJson> {
    const email = credentials.email.trim().toLowerCase();
    const password = credentials.password;
    const attempt = await this.limits.takeAttempt(email, ip);
    const agent = await this.agents.authenticate(email, password);
    if (!agent) throw new UnauthorizedException('El correo o la contraseña no son correctos');
    await this.limits.recordSuccess(attempt);
    return { ...(await this.tokens.issue(agent)), agent: { id: agent.id, name: agent.name, email: agent.email, tier: agent.tier, role: agent.role } };
  }

  /**
   * Signs this session out on every gateway: its token (and an administrators' pages cookie made
   * from it) is refused from now on, and its live connections end. The agent's other sessions go on.
   */
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(@CurrentSession() session: AgentSession): Promise<void> {
    await this.revoked.revoke(session.sessionId, session.expiresAt);
  }

  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): MeJson {
    return actor;
  }
}
