import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AccessTokens } from '../auth/access-tokens.js';
import { ADMIN_PAGES_SIGN_IN_MESSAGE, adminPageSession } from '../auth/admin-pages.js';
import { ADMIN_ONLY_MESSAGE } from '../auth/auth.guard.js';
import { QUEUE_DASHBOARD_POLICY } from '../security/security-headers.js';

/** Where the queue dashboard (bull-board) is served (one of ADMIN_PAGE_PATHS). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The gate in front of bull-board, which is Express middleware that Nest's guards never see: the
 * same deny-by-default as the API. 401 without the bearer token or the administrators' pages
 * cookie, 403 for an agent who is not an administrator. Every answer behind it carries the
 * dashboard's own content policy.
 */
export function queueDashboardAccess(tokens: AccessTokens): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    void adminPageSession(tokens, request).then(
      (session) => {
        if (!session) {
          response.status(401).json({ statusCode: 401, message: ADMIN_PAGES_SIGN_IN_MESSAGE });
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
