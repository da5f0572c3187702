import type { Request } from 'express';
import type { AccessTokens, AgentSession } from './access-tokens.js';
import { bearerToken } from './bearer-token.js';

/**
 * Administrators' pages a browser loads directly (the queue dashboard, the API docs): a page load
 * cannot carry the inbox's bearer token, so the inbox trades it for this cookie first
 * (POST /api/admin-pages/session). It holds a token scoped to these pages, refused everywhere else.
 */
export const ADMIN_PAGES_COOKIE = 'ventanilla_admin';
/** The cookie is set once per path, so the browser sends it to these pages and nowhere else. */
export const ADMIN_PAGE_PATHS = ['/admin/queues', '/api/docs'] as const;
/** How long it lasts; the inbox asks for a new one each time it opens a page. */
export const ADMIN_PAGES_TTL_SECONDS = 15 * 60;

/** The 401 of an administrators' page: a browser got there without the cookie (or it expired). */
export const ADMIN_PAGES_SIGN_IN_MESSAGE = 'Se requiere iniciar sesión como administrador (abre esta página desde la bandeja)';

/** Who calls an administrators' page: by the bearer token (scripts) or by the pages' cookie (a browser). */
export async function adminPageSession(tokens: AccessTokens, request: Request): Promise<AgentSession | undefined> {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer) return tokens.resolve(bearer);
  const cookie = cookieValue(request.headers.cookie, ADMIN_PAGES_COOKIE);
  return cookie ? tokens.resolve(cookie, 'admin-pages') : undefined;
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
