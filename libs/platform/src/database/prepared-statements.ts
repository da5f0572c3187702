import { createHash } from 'node:crypto';
import type { PoolClient, QueryConfig, QueryResult } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Distinct texts given a name in this process, at most, and their longest. Each named text is
 * prepared once on each connection that runs it and stays there while the connection lives, so
 * these bound Postgres's memory per connection. A text beyond them runs unnamed, as TypeORM runs
 * everything: a group's multi-row statement is long, rarely repeated word for word, and shares its
 * parse among many events anyway; a lone event's (about 5,600 characters for a chat start's
 * writes) is what repeats.
 */
const MAX_NAMED_TEXTS = 100;
const MAX_NAMED_LENGTH = 8_000;

/** Postgres refuses a prepared plan whose result columns changed under it (a migration added one). */
const STALE_PLAN = 'cached plan must not change result type';

const names = new Map<string, string>();
let enabled = true;
/** Part of every name: a stale plan moves every text to a fresh name, prepared anew on each connection. */
let generation = 0;

/**
 * Whether the hot path's statements are prepared (the default): off behind a pooler that cannot
 * keep named statements per client (PgBouncer before 1.21, or without `max_prepared_statements`).
 */
export function usePreparedStatements(on: boolean): void {
  enabled = on;
}

/**
 * Runs a statement the hot path sends for every event as a named prepared statement: Postgres parses
 * it once per connection and, once its plan settles, plans it no more (an unnamed statement, what
 * TypeORM sends, is parsed and planned on every run: at 40 events/s that was nearly half the time
 * Postgres spent on intake's statements). Answers the rows, whatever the statement's command; fails
 * as `em.query` does (`QueryFailedError`). Runs on `em`'s connection when it has one (a transaction).
 */
export async function runPrepared<Row = Record<string, unknown>>(em: EntityManager, text: string, values: readonly unknown[]): Promise<Row[]> {
  const owned = em.queryRunner === undefined;
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const result: QueryResult = await client.query(preparedQuery(text, values));
    return result.rows as Row[];
  } catch (error) {
    throw preparedQueryError(text, values, error);
  } finally {
    if (owned) await runner.release();
  }
}

/** The statement as `runPrepared` sends it: named when it may be (see `runPrepared`). */
export function preparedQuery(text: string, values: readonly unknown[]): QueryConfig {
  const name = enabled ? nameFor(text) : undefined;
  return { text, values: [...values], ...(name ? { name } : {}) };
}

/** A failure of a statement sent as `preparedQuery` made it, as `em.query` reports one; a stale plan renames every statement. */
export function preparedQueryError(text: string, values: readonly unknown[], error: unknown): QueryFailedError {
  if (error instanceof Error && error.message.includes(STALE_PLAN)) forgetNames();
  return new QueryFailedError(text, [...values], error as Error);
}

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_TEXTS && text.length <= MAX_NAMED_LENGTH) {
    name = `ventanilla_${generation}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

function forgetNames(): void {
  names.clear();
  generation += 1;
}
