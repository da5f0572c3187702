import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** Every directive shared by the pages: nothing from elsewhere, no framing, no <base>, no plugins. */
const LOCKED_DOWN = ["frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"];

/** For answers that are not pages (the API's JSON, files): nothing may be loaded or run from them. */
export const NO_CONTENT_POLICY = ["default-src 'none'", ...LOCKED_DOWN, "form-action 'none'"].join('; ');

/**
 * The agents' inbox. Customer mail is shown in sandboxed srcdoc frames; the socket goes back to this
 * host only ('self' covers ws:/wss: to the same host in CSP 3), never to any host.
 */
export const INBOX_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  ...LOCKED_DOWN,
  "form-action 'self'",
].join('; ');

/** Pages that embed the chat widget or show a short form: their own script and styles only. */
export const WIDGET_PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // The widget draws itself in a shadow root with <style> elements it creates.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  ...LOCKED_DOWN,
  "form-action 'self'",
].join('; ');

/**
 * The queue dashboard (bull-board, administrators only): its own scripts and styles; its page sets
 * <base> to its path, so base-uri allows this host; its web fonts (Google's) are not loaded.
 */
export const QUEUE_DASHBOARD_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
  "form-action 'self'",
].join('; ');

/** Swagger UI at /api/docs (administrators) needs what those pages need: its own files, inline styles, data: images. */
export const API_DOCS_POLICY = WIDGET_PAGE_POLICY;

/**
 * helmet on every answer: HSTS, nosniff, no framing, no referrer, no X-Powered-By, and a CSP that
 * allows nothing; the pages replace the CSP with their own (above), the widget its resource policy.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'object-src': ["'none'"], 'form-action': ["'none'"] } },
    strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
