import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { SqlStatement } from './combined-statements.repository.js';
import { WriteBehind, type HeldTable } from './write-behind.js';

/**
 * A transaction stand-in whose connection records the queries it is sent (statements go to the
 * transaction's driver connection, prepared: `runPrepared`), and a writer per table
 * (`INSERT INTO <table> VALUES ($1), ($2)...`).
 */
function setup() {
  const writeBehind = new WriteBehind();
  const sent: SqlStatement[] = [];
  const connection = {
    query: async ({ text, values }: { text: string; values: unknown[] }) => {
      sent.push({ sql: text, params: values });
      return { rows: [{ id: 'returned' }] };
    },
  };
  const stand = (): EntityManager => ({ queryRunner: { connect: async () => connection } }) as unknown as EntityManager;
  const em = stand();
  const insert = (table: HeldTable) => (rows: string[]) => [{ sql: `INSERT INTO ${table} VALUES ${rows.map((_, i) => `($${i + 1})`).join(', ')}`, params: rows }];
  const write = (table: HeldTable, rows: string[], into = em) => writeBehind.write(table, rows, insert(table), into);
  return { writeBehind, em, sent, write, stand };
}

describe('WriteBehind', () => {
  it('should write at once, alone, through a transaction that does not hold', async () => {
    const { sent, write } = setup();
    await write('messages', ['m1']);
    expect(sent).toEqual([{ sql: 'INSERT INTO messages VALUES ($1)', params: ['m1'] }]);
  });

  it('should hold rows until the flush, then write every table in one statement, referenced tables first, placeholders renumbered', async () => {
    const { writeBehind, em, sent, write } = setup();
    writeBehind.hold(em);
    await write('ticket_events', ['e1']);
    await write('outbound_deliveries', ['d1']);
    await write('messages', ['m1']);
    await write('ticket_events', ['e2', 'e3']);
    await write('messages', ['m2']);
    expect(sent).toEqual([]);
    expect(writeBehind.pending('messages', em)).toEqual(['m1', 'm2']);

    await writeBehind.flush(em);

    expect(sent).toEqual([
      {
        sql:
          'WITH w0 AS (INSERT INTO messages VALUES ($1), ($2)), w1 AS (INSERT INTO outbound_deliveries VALUES ($3)), ' +
          'w2 AS (INSERT INTO ticket_events VALUES ($4), ($5), ($6)) SELECT 1',
        params: ['m1', 'm2', 'd1', 'e1', 'e2', 'e3'],
      },
    ]);
    expect(writeBehind.pending('messages', em)).toEqual([]);
  });

  it('should write only the tables asked for when a read needs just those, and keep holding the rest', async () => {
    const { writeBehind, em, sent, write } = setup();
    writeBehind.hold(em);
    await write('messages', ['m1']);
    await write('contacts', ['c1']);

    await writeBehind.flush(em, ['contacts']);

    expect(sent).toEqual([{ sql: 'INSERT INTO contacts VALUES ($1)', params: ['c1'] }]);
    expect(writeBehind.pending('messages', em)).toEqual(['m1']);
  });

  it('should release what it holds in the same statement as the last one given, and answer with that one’s rows', async () => {
    const { writeBehind, em, sent, write } = setup();
    writeBehind.hold(em);
    await write('messages', ['m1']);

    const rows = await writeBehind.release(em, { sql: 'UPDATE items SET done = true WHERE id = $1 RETURNING id', params: ['i1'] });

    expect(rows).toEqual([{ id: 'returned' }]);
    expect(sent).toEqual([
      { sql: 'WITH w0 AS (INSERT INTO messages VALUES ($1)), w1 AS (UPDATE items SET done = true WHERE id = $2 RETURNING id) SELECT * FROM w1', params: ['m1', 'i1'] },
    ]);
    expect(writeBehind.isHolding(em)).toBe(false);
    await write('messages', ['m2']);
    expect(sent).toHaveLength(2);
  });

  it('should hold again after a flush in the middle of a group', async () => {
    const { writeBehind, em, sent, write } = setup();
    writeBehind.hold(em);
    await write('messages', ['m1']);
    await writeBehind.flush(em);
    await write('messages', ['m2']);
    expect(sent.map((statement) => statement.params)).toEqual([['m1']]);

    await writeBehind.release(em);

    expect(sent.map((statement) => statement.params)).toEqual([['m1'], ['m2']]);
  });

  it('should keep the rows of one transaction apart from another', async () => {
    const { writeBehind, em, sent, write, stand } = setup();
    const other = stand();
    writeBehind.hold(em);
    writeBehind.hold(other);
    await write('messages', ['m1']);
    await writeBehind.flush(other);
    expect(sent).toEqual([]);
    expect(writeBehind.pending('messages', other)).toEqual([]);
  });
});
