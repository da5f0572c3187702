import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokens } from './access-tokens.js';
import { ADMIN_ONLY, PUBLIC_ROUTE } from './auth.decorators.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

/**
 * Every /api route needs `Authorization: Bearer <accessToken>` (401 without a valid one), except
 * those marked @Public(). Routes outside /api (health, webhooks, widget) have their own rules.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.path.startsWith('/api/')) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Authorization: Bearer <accessToken> is required');
    const actor = await this.tokens.resolve(token);
    if (!actor) throw new UnauthorizedException('the access token is invalid or expired, or its agent is inactive');
    request.actor = actor;
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && actor.role !== 'admin') {
      throw new ForbiddenException('only administrators may do this');
    }
    return true;
  }
}
