import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@app/platform';
import { ConflictError, ForbiddenActionError, GoneError, InvalidInputError, NotFoundError } from '@app/tickets';
import type { Response } from 'express';
import { RateLimitedException } from '../security/rate-limited.exception.js';
import { frameworkRefusalEs } from './framework-refusals-es.js';

/**
 * The one place errors become HTTP answers: domain errors get their status, Nest's HTTP errors
 * keep theirs (with Spanish for the ones the framework made), and anything unexpected is a logged
 * 500 without internals. Every message is Spanish: agents and customers read it.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      if (error instanceof RateLimitedException) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1_000))));
      const body = error.getResponse();
      const spanish = frameworkRefusalEs(error);
      const answer = spanish ? { statusCode: error.getStatus(), message: spanish } : typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : (body as Record<string, unknown>);
      response.status(error.getStatus()).json(answer.code === undefined ? { ...answer, code: codeOfStatus(error.getStatus()) } : answer);
      return;
    }
    const mapped = mapDomainError(error);
    if (mapped) {
      const code = (error as DomainError).code ?? codeOfStatus(mapped.statusCode);
      response.status(mapped.statusCode).json({ ...mapped, message: (error as Error).message, code });
      return;
    }
    if (error instanceof DomainError) this.logger.warn(`unmapped domain error: ${error.message}`);
    else this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, error: 'Internal Server Error', code: codeOfStatus(500), message: 'Algo falló de nuestro lado; inténtalo de nuevo en un momento.' });
  }
}

/**
 * The code of a refusal that has no more precise one: every answer carries a `code` a program can
 * switch on (docs/api.md), the precise ones (`timeline_changed`, `last_admin`...) where they exist.
 */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'unavailable',
};

function codeOfStatus(status: number): string {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'refused');
}

function mapDomainError(error: unknown): { statusCode: number; error: string; details?: Record<string, unknown> } | undefined {
  if (error instanceof NotFoundError) return { statusCode: 404, error: 'Not Found' };
  if (error instanceof InvalidInputError) return { statusCode: 400, error: 'Bad Request' };
  if (error instanceof ForbiddenActionError) return { statusCode: 403, error: 'Forbidden' };
  if (error instanceof ConflictError) return { statusCode: 409, error: 'Conflict', details: error.details };
  if (error instanceof GoneError) return { statusCode: 410, error: 'Gone' };
  return undefined;
}
