import { QueryFailedError } from 'typeorm';

/**
 * Whether Postgres refused a statement for what it carried (SQLSTATE class 22, a data exception
 * such as a NUL in text; class 23, a constraint), not for being unreachable or overloaded: then a
 * batch's items are worth writing one by one, so that only the one at fault fails.
 */
export function isRefusedData(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
