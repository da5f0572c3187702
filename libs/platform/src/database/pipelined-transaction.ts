import type { PoolClient, QueryConfig, QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, preparedQueryError, runPrepared } from './prepared-statements.js';

/**
 * Where a pipelined transaction is: its BEGIN not sent yet (`deferred`), open, or ended by a
 * statement sent with its COMMIT (`ended`: committed, or rolled back by Postgres when it failed).
 */
type TransactionState = 'deferred' | 'open' | 'ended';

interface Pipelined {
  client: PoolClient;
  /** The client's own `query`, under the one this transaction puts in front of it. */
  send: PoolClient['query'];
  state: TransactionState;
}

/** What `pg` exposes of pipeline mode and of the socket, which its typings leave read-only or out. */
interface PipelineControls {
  pipeline: boolean;
  connection: { stream: { cork(): void; uncork(): void } };
}

const transactions = new WeakMap<EntityManager, Pipelined>();

/** An answer for the transaction control statements a pipelined transaction sends later, or never. */
const NOTHING_SENT = (command: string): QueryResult => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });

const BEGIN = 'START TRANSACTION';

/**
 * Runs `work` in a transaction whose BEGIN travels with its first statement and, when the work ends
 * with `commitWith`, whose COMMIT travels with its last: two round trips fewer than TypeORM's
 * `transaction`, which sends each on its own (at 40 events/s, four of a call's eighteen). Both go as
 * Postgres's pipeline mode sends them, each statement with its own Sync, in one write; a statement
 * after a failed one in the same transaction fails too, and a COMMIT after one is a rollback.
 *
 * TypeORM sees an ordinary transaction (its `em.save` and nested `em.transaction` use savepoints in
 * it): its START TRANSACTION is held back until the first statement, and its COMMIT or ROLLBACK is
 * not sent when there is nothing left to end.
 */
export async function runPipelinedTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const pipelined: Pipelined = { client, send: client.query, state: 'deferred' };
  client.query = ((config: string | QueryConfig, values?: unknown[]) => controlled(pipelined, config, values)) as PoolClient['query'];
  transactions.set(runner.manager, pipelined);
  try {
    await runner.startTransaction();
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    // As TypeORM's own `transaction` does: the work's error is the one that counts.
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    transactions.delete(runner.manager);
    // The prototype's `query` again, before the client goes back to the pool.
    delete (client as Partial<PoolClient>).query;
    await runner.release();
  }
}

/**
 * Runs the last statement of a pipelined transaction (prepared as `runPrepared` prepares it) and
 * its COMMIT in one round trip; answers the statement's rows. Fails with the statement's error (the
 * COMMIT then rolls back) or the COMMIT's (a deferred constraint); either way the transaction ended.
 */
export async function commitWith<Row = Record<string, unknown>>(em: EntityManager, text: string, values: readonly unknown[]): Promise<Row[]> {
  const pipelined = transactions.get(em);
  if (!pipelined || pipelined.state === 'ended') throw new Error('commitWith needs an open pipelined transaction (runPipelinedTransaction)');
  const [statement, commit] = await settleInTransaction(pipelined, [preparedQuery(text, values), 'COMMIT'], 'ended');
  const failed = [statement, commit].find((answer): answer is PromiseRejectedResult => answer!.status === 'rejected');
  if (failed) throw preparedQueryError(text, values, failed.reason);
  const committed = (commit as PromiseFulfilledResult<QueryResult>).value;
  if (committed.command !== 'COMMIT') throw new Error(`the transaction was rolled back (${committed.command}) instead of committed`);
  return (statement as PromiseFulfilledResult<QueryResult>).value.rows as Row[];
}

/**
 * Runs the statements (each prepared as `runPrepared` prepares it) in one round trip when `em` is a
 * pipelined transaction's, the first one carrying its BEGIN if none went yet; elsewhere one after
 * the other. They run in order, each with a snapshot of its own, as if sent one by one: a statement
 * that waits for a lock still reads after it got it. Answers each one's rows; fails with the first
 * one that failed (in a transaction, those after it fail too).
 */
export async function runPreparedTogether<Row = Record<string, unknown>>(
  em: EntityManager,
  statements: ReadonlyArray<{ text: string; values: readonly unknown[] }>,
): Promise<Row[][]> {
  const pipelined = transactions.get(em);
  if (!pipelined || pipelined.state === 'ended') {
    const rows: Row[][] = [];
    for (const { text, values } of statements) rows.push(await runPrepared<Row>(em, text, values));
    return rows;
  }
  const answers = await settleInTransaction(
    pipelined,
    statements.map(({ text, values }) => preparedQuery(text, values)),
    'open',
  );
  const failed = answers.findIndex((answer) => answer.status === 'rejected');
  if (failed >= 0) throw preparedQueryError(statements[failed]!.text, statements[failed]!.values, (answers[failed] as PromiseRejectedResult).reason);
  return answers.map((answer) => (answer as PromiseFulfilledResult<QueryResult>).value.rows as Row[]);
}

/** The client's `query` while a pipelined transaction holds it: BEGIN held back, what ended not ended twice. */
async function controlled(pipelined: Pipelined, config: string | QueryConfig, values?: unknown[]): Promise<QueryResult> {
  const send = pipelined.send as (config: string | QueryConfig, values?: unknown[]) => Promise<QueryResult>;
  const text = typeof config === 'string' ? config : config.text;
  const ending = text === 'COMMIT' || text === 'ROLLBACK';
  if (pipelined.state === 'deferred') {
    // TypeORM's BEGIN waits for the first statement; ending a transaction that sent nothing sends nothing.
    if (text === BEGIN) return NOTHING_SENT('BEGIN');
    if (ending) return NOTHING_SENT(text);
    // A statement object of its own (a cursor, a stream) cannot go in pipeline mode: BEGIN goes first, alone.
    if (typeof config !== 'string' && 'submit' in config) {
      pipelined.state = 'open';
      await send.call(pipelined.client, BEGIN);
      return send.call(pipelined.client, config, values);
    }
    const [answer] = await settleInTransaction(pipelined, [values ? { text, values } : config], 'open');
    if (answer!.status === 'rejected') throw answer!.reason;
    return answer!.value;
  }
  if (pipelined.state === 'ended') {
    if (ending) return NOTHING_SENT(text);
    throw new Error(`a statement after its transaction ended (commitWith must be its last): ${text.slice(0, 80)}`);
  }
  return send.call(pipelined.client, config, values);
}

/**
 * Sends the statements of the transaction in one write, its BEGIN first when none went yet, and
 * moves it to `next`; answers theirs (a failed BEGIN fails the call).
 */
async function settleInTransaction(
  pipelined: Pipelined,
  statements: Array<string | QueryConfig>,
  next: Exclude<TransactionState, 'deferred'>,
): Promise<Array<PromiseSettledResult<QueryResult>>> {
  const begins = pipelined.state === 'deferred';
  pipelined.state = next;
  const answers = await settleTogether(pipelined, begins ? [BEGIN, ...statements] : statements);
  if (!begins) return answers;
  if (answers[0]!.status === 'rejected') throw answers[0].reason;
  return answers.slice(1);
}

/**
 * Sends the statements in one write in pipeline mode and waits for every answer or failure, in
 * order. Only a transaction's own code uses its client meanwhile, so nothing else is queued on it
 * while pipeline mode is on.
 */
async function settleTogether(pipelined: Pipelined, statements: Array<string | QueryConfig>): Promise<Array<PromiseSettledResult<QueryResult>>> {
  const controls = pipelined.client as unknown as PipelineControls;
  const send = pipelined.send as (config: string | QueryConfig) => Promise<QueryResult>;
  controls.pipeline = true;
  let answers: Array<PromiseSettledResult<QueryResult>>;
  try {
    let sent: Array<Promise<QueryResult>>;
    controls.connection.stream.cork();
    try {
      sent = statements.map((statement) => send.call(pipelined.client, statement));
    } finally {
      controls.connection.stream.uncork();
    }
    answers = await Promise.allSettled(sent);
  } finally {
    controls.pipeline = false;
  }
  return answers;
}
