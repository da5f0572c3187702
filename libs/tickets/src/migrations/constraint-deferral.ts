import type { QueryRunner } from 'typeorm';

/** Foreign keys as [table, constraint]. */
export type Constraints = ReadonlyArray<readonly [table: string, constraint: string]>;

/** Checks these foreign keys at commit instead of at each statement (for rows a transaction writes last). */
export async function deferConstraints(db: QueryRunner, constraints: Constraints): Promise<void> {
  for (const [table, constraint] of constraints) await db.query(`ALTER TABLE ${table} ALTER CONSTRAINT ${constraint} DEFERRABLE INITIALLY DEFERRED`);
}

/** Checks them at each statement again. */
export async function undeferConstraints(db: QueryRunner, constraints: Constraints): Promise<void> {
  for (const [table, constraint] of constraints) await db.query(`ALTER TABLE ${table} ALTER CONSTRAINT ${constraint} NOT DEFERRABLE`);
}
