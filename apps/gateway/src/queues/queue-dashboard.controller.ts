import { Controller, HttpCode, Inject, Post, Res, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@app/tickets';
import type { Response } from 'express';
import { AccessTokens } from '../auth/access-tokens.js';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH, QUEUE_DASHBOARD_TTL_SECONDS } from './queue-dashboard-access.js';

/**
 * A browser cannot send the inbox's bearer token on a page load: an administrator's inbox trades it
 * here for a short-lived cookie, HttpOnly and sent only to the dashboard's path (SameSite=Strict:
 * never on a request another site starts), then opens the dashboard.
 */
@Controller('api/queue-dashboard')
export class QueueDashboardController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly tokens: AccessTokens,
  ) {}

  @AdminOnly()
  @Post('session')
  @HttpCode(200)
  async session(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<{ url: string; expiresAt: string }> {
    const issued = await this.tokens.issueScoped(actor.id, 'queue-dashboard', QUEUE_DASHBOARD_TTL_SECONDS);
    if (!issued) throw new UnauthorizedException('La sesión no es válida o expiró; inicie sesión de nuevo');
    response.cookie(QUEUE_DASHBOARD_COOKIE, issued.token, {
      path: QUEUE_DASHBOARD_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.core.publicBaseUrl.startsWith('https:'),
      maxAge: QUEUE_DASHBOARD_TTL_SECONDS * 1_000,
    });
    return { url: `${QUEUE_DASHBOARD_PATH}/`, expiresAt: issued.expiresAt.toISOString() };
  }
}
