import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AccessTokens, AgentSession } from '../auth/access-tokens.js';
import { ADMIN_ONLY_MESSAGE } from '../auth/auth.guard.js';
import { bearerToken } from '../auth/bearer-token.js';
import { QUEUE_DASHBOARD_POLICY } from '../security/security-headers.js';

/** Where the queue dashboard (bull-board) is served. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie that lets a browser in: set by POST /api/queue-dashboard/session, sent only under the dashboard's path. */
export const QUEUE_DASHBOARD_COOKIE = 'ventanilla_queues';
/** How long a dashboard cookie lasts; the inbox asks for a new one each time it opens the dashboard. */
export const QUEUE_DASHBOARD_TTL_SECONDS = 15 * 60;

/**
 * The gate in front of bull-board, which is Express middleware that Nest's guards never see: the
 * same deny-by-default as the API. A caller proves itself with the inbox's bearer token (scripts)
 * or the dashboard cookie (a browser); 401 without either, 403 for an agent who is not an
 * administrator. Every answer behind it carries the dashboard's own content policy.
 */
export function queueDashboardAccess(tokens: AccessTokens): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    void admit(tokens, request).then(
      (session) => {
        if (!session) {
          response.status(401).json({ statusCode: 401, message: 'Se requiere iniciar sesión como administrador (abra las colas desde la bandeja)' });
        } else if (session.actor.role !== 'admin') {
          response.status(403).json({ statusCode: 403, message: ADMIN_ONLY_MESSAGE });
        } else {
          response.setHeader('Content-Security-Policy', QUEUE_DASHBOARD_POLICY);
          next();
        }
      },
      (error: unknown) => next(error),
    );
  };
}

async function admit(tokens: AccessTokens, request: Request): Promise<AgentSession | undefined> {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer) return tokens.resolve(bearer);
  const cookie = cookieValue(request.headers.cookie, QUEUE_DASHBOARD_COOKIE);
  return cookie ? tokens.resolve(cookie, 'queue-dashboard') : undefined;
}

/** One cookie's value from a Cookie header (ours is a JWT: no quoting or escaping to undo). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8_192) return undefined;
  for (const pair of header.split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}
