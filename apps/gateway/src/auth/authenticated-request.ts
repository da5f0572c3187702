import type { Actor } from '@app/tickets';
import type { Request } from 'express';
import type { AgentSession } from './access-tokens.js';

/** A request the auth guard let through, with the agent behind its token and that token's session. */
export interface AuthenticatedRequest extends Request {
  actor: Actor;
  session: AgentSession;
}
