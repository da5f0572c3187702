import type { AllowedOrigins } from '../config/gateway-config.js';

/**
 * Whether a browser page at `origin` may open a realtime connection: its own pages (same host), the
 * configured origins, or anything without an Origin header (not a browser, so nothing to protect).
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: AllowedOrigins): boolean {
  if (!origin || allowed === 'any') return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return allowed.has(parsed.origin) || (host !== undefined && parsed.host === host);
}
