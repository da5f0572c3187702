import { QueryFailedError } from 'typeorm';

/**
 * The SQLSTATE with which `ventanilla_expect_rows` (migration ExpectedRowsGuard) fails a statement
 * whose rows were fewer or more than expected (class VT: this application's own).
 */
export const EXPECTED_ROWS_MISSING = 'VT001';

/** Whether a statement failed because `ventanilla_expect_rows` counted other than it expected. */
export function isExpectedRowsMissing(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === EXPECTED_ROWS_MISSING;
}
