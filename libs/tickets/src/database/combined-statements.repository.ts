import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

// Statements built without being run, then run together as one query: the write-behind's flush and
// an intake group's last step pay one round trip for what would be one per table.

/** One parameterised SQL statement. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** An INSERT of these rows as TypeORM would run it (their generated columns returned), not run yet. */
export function insertStatement<Entity extends ObjectLiteral>(em: EntityManager, target: EntityTarget<Entity>, rows: Array<QueryDeepPartialEntity<Entity>>): SqlStatement {
  const [sql, params] = em.createQueryBuilder().insert().into(target).values(rows).getQueryAndParameters();
  return { sql, params };
}

/** The rows a data-modifying statement with a RETURNING clause returns (run as a query's one CTE). */
export function returnedRows(em: EntityManager, statement: SqlStatement): Promise<Array<Record<string, unknown>>> {
  return runTogether([statement], em, true);
}

/** An UPDATE of the rows `where` selects (entity property names), as TypeORM would run it, not run yet. */
export function updateStatement<Entity extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<Entity>,
  patch: QueryDeepPartialEntity<Entity>,
  where: Partial<Entity>,
): SqlStatement {
  const [sql, params] = em.createQueryBuilder().update(target).set(patch).where(where).getQueryAndParameters();
  return { sql, params };
}

/**
 * Runs the statements as one: each a data-modifying CTE of one query (every one runs to completion
 * whether read or not), whose result is, with `returnLast`, the last statement's rows (it must have
 * a RETURNING clause). Placeholders are renumbered.
 */
export async function runTogether(statements: SqlStatement[], em: EntityManager, returnLast: boolean): Promise<Array<Record<string, unknown>>> {
  if (statements.length === 0) return [];
  if (statements.length === 1 && !returnLast) {
    await em.query(statements[0]!.sql, statements[0]!.params);
    return [];
  }
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [index, statement] of statements.entries()) {
    const offset = params.length;
    parts.push(`w${index} AS (${statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    params.push(...statement.params);
  }
  const select = returnLast ? `SELECT * FROM w${statements.length - 1}` : 'SELECT 1';
  // A query whose top level is a SELECT: the driver answers with its rows, whatever the CTEs do.
  return (await em.query(`WITH ${parts.join(', ')} ${select}`, params)) as Array<Record<string, unknown>>;
}
