import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../../libs/platform/src/database/data-source-options.js';
import { runPrepared, usePreparedStatements } from '../../../libs/platform/src/database/prepared-statements.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

/**
 * The hot path's statements as named prepared statements, against Postgres: parsed once per
 * connection, unnamed when turned off (a pooler that cannot keep them), and a plan a migration made
 * stale costs one failed statement, not every later one on that connection.
 */
describe('prepared statements (Postgres)', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;

  const preparedOnThisConnection = async (em: EntityManager): Promise<string[]> =>
    ((await em.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'ventanilla_%' ORDER BY name`)) as Array<{ name: string }>).map((row) => row.name);

  beforeAll(async () => {
    env = await TestEnvironment.create('prepared-statements');
    // One connection: every statement below runs on the same one, as a worker's group transaction does.
    dataSource = await new DataSource({ ...dataSourceOptions(env.databaseUrl, { entities: [], migrations: [] }, 1), logging: false }).initialize();
    await dataSource.query(`DROP TABLE IF EXISTS prepared_probe`);
    await dataSource.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await dataSource.query(`INSERT INTO prepared_probe VALUES (1, 'uno'), (2, 'dos'), (3, 'tres')`);
  });

  afterEach(() => usePreparedStatements(true));

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.close();
  });

  it('should prepare a statement once on a connection and answer each run with its own rows', async () => {
    const text = `SELECT label FROM prepared_probe WHERE id = ANY($1::int[]) ORDER BY id`;
    await dataSource.transaction(async (em) => {
      expect(await runPrepared(em, text, [[1, 3]])).toEqual([{ label: 'uno' }, { label: 'tres' }]);
      expect(await runPrepared(em, text, [[2]])).toEqual([{ label: 'dos' }]);
      const named = await preparedOnThisConnection(em);
      expect(named).toHaveLength(1);
    });
  });

  it('should send a statement unnamed while prepared statements are turned off, and prepare it once they are on', async () => {
    const text = `SELECT count(*)::int AS count FROM prepared_probe WHERE id > $1`;
    await dataSource.transaction(async (em) => {
      const before = await preparedOnThisConnection(em);
      usePreparedStatements(false);
      expect(await runPrepared(em, text, [1])).toEqual([{ count: 2 }]);
      expect(await preparedOnThisConnection(em)).toEqual(before);
      usePreparedStatements(true);
      expect(await runPrepared(em, text, [1])).toEqual([{ count: 2 }]);
      expect(await preparedOnThisConnection(em)).toHaveLength(before.length + 1);
    });
  });

  it('should send a long statement unnamed (a group of many rows), so one connection does not keep every size of it', async () => {
    const long = `SELECT count(*)::int AS count FROM prepared_probe WHERE id = ANY($1::int[]) /* ${'x'.repeat(8_000)} */`;
    await dataSource.transaction(async (em) => {
      const before = await preparedOnThisConnection(em);
      expect(await runPrepared(em, long, [[1, 2]])).toEqual([{ count: 2 }]);
      expect(await preparedOnThisConnection(em)).toEqual(before);
    });
  });

  it('should fail as em.query does, with the driver error code, and keep the connection usable', async () => {
    const insert = `INSERT INTO prepared_probe (id, label) VALUES ($1, $2)`;
    const failure = await runPrepared(dataSource.manager, insert, [1, 'otra vez']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { code?: string }).code).toBe('23505');
    await runPrepared(dataSource.manager, insert, [4, 'cuatro']);
    expect(await runPrepared(dataSource.manager, `SELECT label FROM prepared_probe WHERE id = $1`, [4])).toEqual([{ label: 'cuatro' }]);
  });

  it('should answer with the new columns after a migration changed a table under a prepared statement, failing one run only', async () => {
    const text = `SELECT * FROM prepared_probe WHERE id = $1`;
    expect(await runPrepared(dataSource.manager, text, [2])).toEqual([{ id: 2, label: 'dos' }]);
    await dataSource.query(`ALTER TABLE prepared_probe ADD COLUMN note text NOT NULL DEFAULT 'nota'`);
    const stale = await runPrepared(dataSource.manager, text, [2]).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(QueryFailedError);
    expect(await runPrepared(dataSource.manager, text, [2])).toEqual([{ id: 2, label: 'dos', note: 'nota' }]);
  });
});
