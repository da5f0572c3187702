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
      // Every 400 carries a code the inbox can switch on: a pipe's or a controller's refusal too.
      response.status(error.getStatus()).json(error.getStatus() === 400 && answer.code === undefined ? { ...answer, code: 'invalid_input' } : answer);
      return;
    }
    const mapped = mapDomainError(error);
    if (mapped) {
      // Every 400 carries a code the inbox can switch on: bad input found past the DTO rules too.
      const code = (error as DomainError).code ?? (error instanceof InvalidInputError ? 'invalid_input' : undefined);
      response.status(mapped.statusCode).json({ ...mapped, message: (error as Error).message, ...(code ? { code } : {}) });
      return;
    }
    if (error instanceof DomainError) this.logger.warn(`unmapped domain error: ${error.message}`);
    else this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'Algo falló de nuestro lado; inténtalo de nuevo en un momento.' });
  }
}

function mapDomainError(error: unknown): { statusCode: number; error: string; details?: Record<string, unknown> } | undefined {
  if (error instanceof NotFoundError) return { statusCode: 404, error: 'Not Found' };
  if (error instanceof InvalidInputError) return { statusCode: 400, error: 'Bad Request' };
  if (error instanceof ForbiddenActionError) return { statusCode: 403, error: 'Forbidden' };
  if (error instanceof ConflictError) return { statusCode: 409, error: 'Conflict', details: error.details };
  if (error instanceof GoneError) return { statusCode: 410, error: 'Gone' };
  return undefined;
}
