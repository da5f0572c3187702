import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EXPECTED_ROWS_MISSING } from '../database/expected-rows.js';

/**
 * A function that fails its statement, and so its transaction, when a data-modifying statement
 * touched fewer rows than it had to: an intake group's last statement records its items as done
 * only where they are still pending, and travels with the COMMIT, so what it finds must be judged
 * inside it, before the COMMIT runs, not by the caller after.
 */
export class ExpectedRowsGuard1764525600000 implements MigrationInterface {
  name = 'ExpectedRowsGuard1764525600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ventanilla_expect_rows(counted bigint, expected bigint, what text) RETURNS bigint
      LANGUAGE plpgsql AS $$
      BEGIN
        IF counted <> expected THEN
          RAISE EXCEPTION '% of % %', counted, expected, what USING ERRCODE = '${EXPECTED_ROWS_MISSING}';
        END IF;
        RETURN counted;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION ventanilla_expect_rows(bigint, bigint, text)`);
  }
}
