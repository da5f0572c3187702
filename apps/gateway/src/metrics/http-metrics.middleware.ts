import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpRequestDuration } from '@app/platform';

/**
 * Times every HTTP answer under its route template (`/api/tickets/:number`, not the ticket's number,
 * so the series stay few); requests no route matched (404s, static files, the queue dashboard) count
 * as `unmatched`.
 */
export function httpMetrics(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = httpRequestDuration.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}
