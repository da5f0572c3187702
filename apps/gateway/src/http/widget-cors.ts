import type { Request, Response } from 'express';
import type { AllowedOrigins } from '../config/gateway-config.js';
import { isOriginAllowed } from '../realtime/origin-policy.js';

/**
 * CORS for the few HTTP routes the chat widget calls from the pages that embed it
 * (CHAT_ALLOWED_ORIGINS, as for its socket): the answer may be read by that page, nothing else.
 */
export function allowWidgetOrigin(request: Request, response: Response, allowed: AllowedOrigins): boolean {
  const origin = request.headers.origin;
  if (!origin || !isOriginAllowed(origin, request.headers.host, allowed)) return false;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  return true;
}

/** The preflight of a widget's POST carrying `headers`; nothing is allowed for other origins. */
export function answerWidgetPreflight(request: Request, response: Response, allowed: AllowedOrigins, headers: string): void {
  if (!allowWidgetOrigin(request, response, allowed)) return;
  response.setHeader('Access-Control-Allow-Methods', 'POST');
  response.setHeader('Access-Control-Allow-Headers', headers);
  response.setHeader('Access-Control-Max-Age', '600');
}
