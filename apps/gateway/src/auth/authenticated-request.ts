import type { Actor } from '@app/tickets';
import type { Request } from 'express';

/** A request the auth guard let through, with the agent behind its token. */
export interface AuthenticatedRequest extends Request {
  actor: Actor;
}
