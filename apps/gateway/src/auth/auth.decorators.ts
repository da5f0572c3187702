import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@app/tickets';
import type { AgentSession } from './access-tokens.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

export const PUBLIC_ROUTE = 'ventanilla:public-route';
export const ADMIN_ONLY = 'ventanilla:admin-only';
export const ADMIN_PAGE = 'ventanilla:admin-page';

/**
 * A route anyone may call without a token: signing in, health, Twilio's webhooks (their signature is
 * their credential), the widget and the pages. Every route without it needs a valid token.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** A route only administrators may use (403 for other agents). */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

/**
 * An administrators' page a browser loads (the API docs): admin only, and besides the bearer token it
 * takes the administrators' pages cookie (admin-pages.ts), which no other route accepts.
 */
export const AdminPage = () => applyDecorators(AdminOnly(), SetMetadata(ADMIN_PAGE, true));

/** The signed-in agent. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);

/** The session of the token the request came with (what signing out ends). */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AgentSession => context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);
