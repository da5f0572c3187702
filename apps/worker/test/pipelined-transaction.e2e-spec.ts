import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { PoolClient } from 'pg';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../../libs/platform/src/database/data-source-options.js';
import { commitWith, runPipelinedTransaction, runPreparedTogether } from '../../../libs/platform/src/database/pipelined-transaction.js';
import { readTogether } from '../../../libs/platform/src/database/prepared-read.js';
import { runPrepared } from '../../../libs/platform/src/database/prepared-statements.js';
import { commitTogether } from '../../../libs/tickets/src/database/combined-statements.repository.js';
import { isExpectedRowsMissing } from '../../../libs/tickets/src/database/expected-rows.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

/** The writes a connection's socket made while `run` ran: each is a round trip begun. */
async function countWrites(em: EntityManager, run: () => Promise<void>): Promise<number> {
  const socket = ((await em.queryRunner!.connect()) as PoolClient & { connection: { stream: Record<string, unknown> } }).connection.stream;
  let writes = 0;
  const own = ['_write', '_writev'].map((method) => [method, socket[method]] as const);
  for (const [method, original] of own) {
    socket[method] = function (this: unknown, ...args: unknown[]) {
      writes += 1;
      return (original as (...args: unknown[]) => unknown).apply(this, args);
    };
  }
  try {
    await run();
  } finally {
    for (const [method] of own) delete socket[method];
  }
  return writes;
}

/**
 * An intake group's transaction against Postgres: its BEGIN goes with its first statement and its
 * COMMIT with its last, and it still is one transaction, all or nothing, for TypeORM too.
 */
describe('pipelined transactions (Postgres)', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;

  const labels = async (): Promise<string[]> =>
    ((await dataSource.query(`SELECT label FROM pipelined_probe ORDER BY id`)) as Array<{ label: string }>).map((row) => row.label);

  beforeAll(async () => {
    env = await TestEnvironment.create('pipelined-transaction');
    dataSource = await new DataSource({ ...dataSourceOptions(env.databaseUrl, { entities: [], migrations: [] }, 2), logging: false }).initialize();
    await dataSource.query(`DROP TABLE IF EXISTS pipelined_child, pipelined_probe`);
    await dataSource.query(`CREATE TABLE pipelined_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await dataSource.query(
      `CREATE TABLE pipelined_child (id int PRIMARY KEY, probe_id int NOT NULL REFERENCES pipelined_probe (id) DEFERRABLE INITIALLY DEFERRED)`,
    );
  });

  beforeEach(async () => {
    await dataSource.query(`TRUNCATE pipelined_child, pipelined_probe`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.close();
  });

  it('should send BEGIN with the first statement and COMMIT with the last: two writes where TypeORM makes four', async () => {
    const insert = `INSERT INTO pipelined_probe VALUES ($1, $2)`;
    let pipelined = 0;
    await runPipelinedTransaction(dataSource, async (em) => {
      pipelined = await countWrites(em, async () => {
        await runPrepared(em, insert, [1, 'uno']);
        await commitWith(em, insert, [2, 'dos']);
      });
    });
    let plain = 0;
    await dataSource.transaction(async (em) => {
      const runner = em.queryRunner!;
      plain = await countWrites(em, async () => {
        await runPrepared(em, insert, [3, 'tres']);
        await runPrepared(em, insert, [4, 'cuatro']);
        await runner.commitTransaction();
        await runner.startTransaction();
      });
    });

    expect(pipelined).toBe(2);
    expect(plain).toBe(4);
    expect(await labels()).toEqual(['uno', 'dos', 'tres', 'cuatro']);
  });

  it('should send statements given together in one write, the BEGIN with them, each answering its own rows', async () => {
    let writes = 0;
    let answers: unknown[] = [];
    await runPipelinedTransaction(dataSource, async (em) => {
      writes = await countWrites(em, async () => {
        answers = await runPreparedTogether(em, [
          { text: `INSERT INTO pipelined_probe VALUES ($1, $2) RETURNING id`, values: [1, 'uno'] },
          { text: `SELECT count(*)::int AS count FROM pipelined_probe`, values: [] },
        ]);
      });
    });

    expect(writes).toBe(1);
    expect(answers).toEqual([[{ id: 1 }], [{ count: 1 }]]);
  });

  it('should answer what each read means, in order, from one write (an intake group’s first reads)', async () => {
    await dataSource.query(`INSERT INTO pipelined_probe VALUES (1, 'uno'), (2, 'dos')`);
    let writes = 0;
    let meanings: readonly [string[], number] | undefined;
    await runPipelinedTransaction(dataSource, async (em) => {
      writes = await countWrites(em, async () => {
        meanings = await readTogether(em, [
          { text: `SELECT label FROM pipelined_probe WHERE id = ANY($1::int[]) ORDER BY id`, values: [[1, 2]], read: (rows) => rows.map((row) => String(row.label)) },
          { text: `SELECT count(*)::int AS count FROM pipelined_probe`, values: [], read: (rows) => Number(rows[0]!.count) },
        ]);
      });
    });

    expect(writes).toBe(1);
    expect(meanings).toEqual([['uno', 'dos'], 2]);
  });

  it('should let a statement sent with a lock read after the lock is held: it counts what the holder committed', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('pipelined-probe'))`);
    await holder.query(`INSERT INTO pipelined_probe VALUES (1, 'del que tenía el candado')`);
    const counted = runPipelinedTransaction(dataSource, (em) =>
      runPreparedTogether<{ count: number }>(em, [
        { text: `SELECT pg_advisory_xact_lock(hashtext($1))`, values: ['pipelined-probe'] },
        { text: `SELECT count(*)::int AS count FROM pipelined_probe`, values: [] },
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await holder.commitTransaction();
    await holder.release();

    const [, [count]] = await counted;
    expect(count).toEqual({ count: 1 });
  });

  it('should keep nothing when the statement sent with the COMMIT fails, and fail with its error', async () => {
    const failure = runPipelinedTransaction(dataSource, async (em) => {
      await runPrepared(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [1, 'uno']);
      await commitWith(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [1, 'otra vez']);
    });

    await expect(failure).rejects.toThrow(QueryFailedError);
    await expect(failure).rejects.toThrow(/duplicate key/);
    expect(await labels()).toEqual([]);
  });

  it('should keep nothing when a reference checked at commit fails the COMMIT itself', async () => {
    const failure = runPipelinedTransaction(dataSource, async (em) => {
      await runPrepared(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [1, 'uno']);
      await commitWith(em, `INSERT INTO pipelined_child VALUES ($1, $2)`, [1, 99]);
    });

    await expect(failure).rejects.toThrow(/pipelined_child_probe_id_fkey/);
    expect(await labels()).toEqual([]);
  });

  it('should roll back what the work wrote when it fails, TypeORM’s own writes (a savepoint in it) included', async () => {
    const failure = runPipelinedTransaction(dataSource, async (em) => {
      await runPrepared(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [1, 'uno']);
      await em.transaction((inner) => inner.query(`INSERT INTO pipelined_probe VALUES (2, 'dos')`));
      throw new Error('la tarea falló');
    });

    await expect(failure).rejects.toThrow('la tarea falló');
    expect(await labels()).toEqual([]);
  });

  it('should commit what TypeORM wrote when the work ends without commitWith, and send nothing for work that wrote nothing', async () => {
    await runPipelinedTransaction(dataSource, (em) => em.query(`INSERT INTO pipelined_probe VALUES (1, 'uno')`));
    let writes = -1;
    await runPipelinedTransaction(dataSource, async (em) => {
      writes = await countWrites(em, () => Promise.resolve());
    });

    expect(await labels()).toEqual(['uno']);
    expect(writes).toBe(0);
  });

  it('should refuse a statement after the COMMIT went, instead of running it outside the transaction', async () => {
    const failure = runPipelinedTransaction(dataSource, async (em) => {
      await commitWith(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [1, 'uno']);
      await runPrepared(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [2, 'dos']);
    });

    await expect(failure).rejects.toThrow(/after its transaction ended/);
    expect(await labels()).toEqual(['uno']);
  });

  it('should fail the last statement, before its COMMIT, when it touched fewer rows than expected (an item recorded meanwhile)', async () => {
    await dataSource.query(`INSERT INTO pipelined_probe VALUES (1, 'pendiente'), (2, 'hecho')`);
    const record = (ids: number[]) =>
      runPipelinedTransaction(dataSource, async (em) => {
        await runPrepared(em, `INSERT INTO pipelined_probe VALUES ($1, $2)`, [3, 'nuevo']);
        const finish = { sql: `UPDATE pipelined_probe SET label = 'hecho' WHERE id = ANY($1::int[]) AND label = 'pendiente' RETURNING id`, params: [ids] };
        await commitTogether([finish], em, ids.length, 'items recorded');
      });

    const taken = await record([1, 2]).catch((error: unknown) => error);
    expect(isExpectedRowsMissing(taken)).toBe(true);
    expect(await labels()).toEqual(['pendiente', 'hecho']);

    await record([1]);
    expect(await labels()).toEqual(['hecho', 'hecho', 'nuevo']);
  });
});
