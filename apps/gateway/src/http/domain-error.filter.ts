import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, InvalidInputError, TicketNotFoundError } from '@app/tickets';
import type { Response } from 'express';

/**
 * The one place errors become HTTP answers: domain errors get their status, Nest's HTTP errors
 * keep theirs, and anything unexpected is a logged 500 without internals.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const body = error.getResponse();
      response.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    if (error instanceof TicketNotFoundError) {
      response.status(404).json({ statusCode: 404, error: 'Not Found', message: error.message });
      return;
    }
    if (error instanceof InvalidInputError) {
      response.status(400).json({ statusCode: 400, error: 'Bad Request', message: error.message });
      return;
    }
    if (error instanceof DomainError) this.logger.warn(`unmapped domain error: ${error.message}`);
    else this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side' });
  }
}
