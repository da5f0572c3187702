import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 with how long to wait; the exception filter turns `retryAfterMs` into a Retry-After header. */
export class RateLimitedException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', code: 'rate_limited', message, retryAfterMs }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** "N s" or "N min" for a Spanish message. */
export function waitText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1_000));
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
