import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@app/tickets';
import type { AuthenticatedRequest } from './authenticated-request.js';

export const PUBLIC_ROUTE = 'ventanilla:public-route';
export const ADMIN_ONLY = 'ventanilla:admin-only';

/** An /api route that needs no token (signing in). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** A route only administrators may use (403 for other agents). */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

/** The signed-in agent. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);
