import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiRequestLimit } from '../security/api-request-limit.js';
import { AccessTokens, type AgentSession } from './access-tokens.js';
import { ADMIN_PAGES_SIGN_IN_MESSAGE, adminPageSession } from './admin-pages.js';
import { ADMIN_ONLY, ADMIN_PAGE, PUBLIC_ROUTE } from './auth.decorators.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { bearerToken } from './bearer-token.js';

/** The 403 of an @AdminOnly() route, told apart from the workflow's own 403s (tier rules). */
export const ADMIN_ONLY_MESSAGE = 'Solo un administrador puede hacer esto';

/**
 * Deny by default: every HTTP route needs `Authorization: Bearer <accessToken>` (401 without a
 * valid one) unless its handler or controller is marked @Public(). The decision hangs on the route
 * that matched, never on the request's path, so no spelling of a path (case, percent-encoding,
 * double slashes) can reach a handler around it. An administrators' page (@AdminPage()) also takes
 * the pages' cookie, since a browser loads it directly. Socket namespaces have their own gate
 * (realtime/namespace-access.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly requestLimit: ApiRequestLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const adminPage = this.reflector.getAllAndOverride<boolean>(ADMIN_PAGE, targets);
    const session = adminPage ? await adminPageSession(this.tokens, request) : await this.bearerSession(request.headers.authorization);
    if (!session) throw new UnauthorizedException(adminPage ? ADMIN_PAGES_SIGN_IN_MESSAGE : 'La sesión no es válida o expiró; inicia sesión de nuevo');
    await this.requestLimit.consume(session.tokenId);
    request.actor = session.actor;
    request.session = session;
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && session.actor.role !== 'admin') {
      throw new ForbiddenException(ADMIN_ONLY_MESSAGE);
    }
    return true;
  }

  private async bearerSession(authorization: string | undefined): Promise<AgentSession | undefined> {
    const token = bearerToken(authorization);
    if (!token) throw new UnauthorizedException('Se requiere iniciar sesión (Authorization: Bearer <accessToken>)');
    return this.tokens.resolve(token);
  }
}
