import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { commitWith, runPrepared } from '@app/platform';

// Statements built without being run, then run together as one query: the write-behind's flush and
// an intake group's last step pay one round trip for what would be one per table.

/** One parameterised SQL statement. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * An INSERT of these rows as TypeORM's builder writes it (every insertable column, `DEFAULT` where a
 * row leaves one out, values prepared by the driver), not run yet. Composed here from the entity's
 * metadata: the builder's own composition (placeholder names replaced by regular expressions, once
 * per parameter) was the worker's largest cost in TypeORM at 1,000 events/s. An entity with
 * something this does not write (a version or discriminator column, a spatial type) is refused.
 */
export function insertStatement<Entity extends ObjectLiteral>(em: EntityManager, target: EntityTarget<Entity>, rows: Array<QueryDeepPartialEntity<Entity>>): SqlStatement {
  const shape = insertShape(em, target);
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${shape.columns.map((column) => valueExpression(em, column, row, params)).join(', ')})`);
  return { sql: `${shape.head} VALUES ${tuples.join(', ')}`, params };
}

/** The same statement returning every column of the rows written (as `INSERT ... RETURNING *`). */
export function returningAll(statement: SqlStatement): SqlStatement {
  return { sql: `${statement.sql} RETURNING *`, params: statement.params };
}

/** The rows a data-modifying statement with a RETURNING clause returns (run as a query's one CTE). */
export function returnedRows(em: EntityManager, statement: SqlStatement): Promise<Array<Record<string, unknown>>> {
  return runTogether([statement], em, true);
}

/**
 * An UPDATE of the rows `where` selects (entity property names, each compared for equality), as
 * TypeORM's builder writes it (its update-date column set to the current time unless the patch
 * sets it), not run yet; composed from the metadata as an insert is.
 */
export function updateStatement<Entity extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<Entity>,
  patch: QueryDeepPartialEntity<Entity>,
  where: Partial<Entity>,
): SqlStatement {
  const metadata = composable(em.connection.getMetadata(target));
  const escape = (name: string) => em.connection.driver.escape(name);
  const params: unknown[] = [];
  const set = Object.keys(patch)
    .map((property) => columnOf(metadata, property))
    .filter((column) => column.isUpdate && column.getEntityValue(patch) !== undefined)
    .map((column) => `${escape(column.databaseName)} = ${valueExpression(em, column, patch, params)}`);
  const updateDate = metadata.updateDateColumn;
  if (updateDate && updateDate.getEntityValue(patch) === undefined) set.push(`${escape(updateDate.databaseName)} = CURRENT_TIMESTAMP`);
  const conditions = Object.keys(where).map((property) => {
    const column = columnOf(metadata, property);
    params.push(em.connection.driver.preparePersistentValue(column.getEntityValue(where), column));
    return `${escape(column.databaseName)} = $${params.length}`;
  });
  return { sql: `UPDATE ${escape(metadata.tablePath)} SET ${set.join(', ')} WHERE ${conditions.join(' AND ')}`, params };
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
  return column;
}

interface InsertShape {
  /** `INSERT INTO "table"("a", "b")` */
  head: string;
  columns: ColumnMetadata[];
}

const insertShapes = new WeakMap<EntityMetadata, InsertShape>();

/** The columns TypeORM's builder inserts: every insertable one but an auto-incremented key. */
function insertShape(em: EntityManager, target: EntityTarget<ObjectLiteral>): InsertShape {
  const metadata = em.connection.getMetadata(target);
  let shape = insertShapes.get(metadata);
  if (!shape) {
    composable(metadata);
    const escape = (name: string) => em.connection.driver.escape(name);
    const columns = metadata.columns.filter((column) => column.isInsert && !(column.isGenerated && column.generationStrategy === 'increment'));
    shape = { head: `INSERT INTO ${escape(metadata.tablePath)}(${columns.map((column) => escape(column.databaseName)).join(', ')})`, columns };
    insertShapes.set(metadata, shape);
  }
  return shape;
}

/** The entity's metadata, when it uses only what these compositions write as TypeORM's builders would. */
function composable(metadata: EntityMetadata): EntityMetadata {
  const unsupported = metadata.versionColumn ?? metadata.discriminatorColumn ?? metadata.columns.find((column) => SPATIAL_TYPES.has(String(column.type)));
  if (unsupported) throw new Error(`${metadata.name}.${unsupported.propertyName}: statements are composed for plain columns only (no version, discriminator or spatial column)`);
  return metadata;
}

const SPATIAL_TYPES = new Set(['geometry', 'geography']);

/** One value as the builder writes it: `DEFAULT` when absent, SQL when a function, else a placeholder. */
function valueExpression(em: EntityManager, column: ColumnMetadata, row: ObjectLiteral, params: unknown[]): string {
  const raw: unknown = column.getEntityValue(row);
  if (typeof raw === 'function') return (raw as () => string)();
  const value: unknown = em.connection.driver.preparePersistentValue(raw, column);
  if (value === undefined) return 'DEFAULT';
  params.push(value);
  return `$${params.length}`;
}

/**
 * Runs the statements as one: each a data-modifying CTE of one query (every one runs to completion
 * whether read or not), whose result is, with `returnLast`, the last statement's rows (it must have
 * a RETURNING clause). Placeholders are renumbered.
 */
export async function runTogether(statements: SqlStatement[], em: EntityManager, returnLast: boolean): Promise<Array<Record<string, unknown>>> {
  if (statements.length === 0) return [];
  if (statements.length === 1 && !returnLast) {
    await runPrepared(em, statements[0]!.sql, statements[0]!.params);
    return [];
  }
  const combined = together(statements, (last) => (returnLast ? `SELECT * FROM ${last}` : 'SELECT 1'));
  return runPrepared(em, combined.sql, combined.params);
}

/**
 * Runs the statements as one, as `runTogether` does, with the COMMIT of the pipelined transaction
 * they end (`commitWith`: one round trip). The last one (with a RETURNING clause) must return
 * `expectedRows` rows, or the statement fails before the COMMIT runs (`isExpectedRowsMissing`),
 * and the transaction with it: the caller cannot look at the rows and still roll back.
 */
export async function commitTogether(statements: SqlStatement[], em: EntityManager, expectedRows: number, what: string): Promise<void> {
  const combined = together(statements, (last, params) => {
    params.push(expectedRows, what);
    return `SELECT ventanilla_expect_rows(count(*), $${params.length - 1}, $${params.length}) FROM ${last}`;
  });
  await commitWith(em, combined.sql, combined.params);
}

/** The statements as the CTEs of one query, placeholders renumbered, ended by `select` (given the last CTE's name and the parameters so far). */
function together(statements: SqlStatement[], select: (last: string, params: unknown[]) => string): SqlStatement {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [index, statement] of statements.entries()) {
    const offset = params.length;
    parts.push(`w${index} AS (${statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    params.push(...statement.params);
  }
  return { sql: `WITH ${parts.join(', ')} ${select(`w${statements.length - 1}`, params)}`, params };
}
