import { Controller, HttpCode, Inject, Post, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { AccessTokens, type AgentSession } from './access-tokens.js';
import { ADMIN_PAGE_PATHS, ADMIN_PAGES_COOKIE, ADMIN_PAGES_TTL_SECONDS } from './admin-pages.js';
import { AdminOnly, CurrentSession } from './auth.decorators.js';
import { AdminPagesSessionResponse } from './dto/admin-pages-session.response.js';

/**
 * An administrator's inbox trades its bearer token here for the administrators' pages cookie:
 * HttpOnly, SameSite=Strict (never sent on a request another site starts), one per page path
 * (never sent elsewhere), Secure behind https, 15 minutes.
 */
@Controller('api/admin-pages')
export class AdminPagesController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly tokens: AccessTokens,
  ) {}

  @AdminOnly()
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminPagesSessionResponse, description: 'Sets the administrators\' pages cookie (`Set-Cookie`, HttpOnly, SameSite=Strict), one per path.' })
  async session(@CurrentSession() session: AgentSession, @Res({ passthrough: true }) response: Response): Promise<AdminPagesSessionResponse> {
    const issued = await this.tokens.issueScoped(session, 'admin-pages', ADMIN_PAGES_TTL_SECONDS);
    if (!issued) throw new UnauthorizedException('La sesión no es válida o expiró; inicia sesión de nuevo');
    for (const path of ADMIN_PAGE_PATHS) {
      response.cookie(ADMIN_PAGES_COOKIE, issued.token, {
        path,
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.core.publicBaseUrl.startsWith('https:'),
        maxAge: ADMIN_PAGES_TTL_SECONDS * 1_000,
      });
    }
    return { expiresAt: issued.expiresAt.toISOString(), pages: ADMIN_PAGE_PATHS };
  }
}
