import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { WriteBehind, type HeldTable } from './write-behind.js';

/** A transaction stand-in (WriteBehind only keys on it) and a log of what reached "the database". */
function setup() {
  const writeBehind = new WriteBehind();
  const em = {} as EntityManager;
  const written: Array<{ table: HeldTable; rows: string[] }> = [];
  const write = (table: HeldTable, rows: string[]) =>
    writeBehind.write(table, rows, async (held) => void written.push({ table, rows: held }), em);
  return { writeBehind, em, written, write };
}

describe('WriteBehind', () => {
  it('should write at once through a transaction that does not hold', async () => {
    const { written, write } = setup();
    await write('messages', ['m1']);
    expect(written).toEqual([{ table: 'messages', rows: ['m1'] }]);
  });

  it('should hold rows until the flush, then write each table once, referenced tables first', async () => {
    const { writeBehind, em, written, write } = setup();
    writeBehind.hold(em);
    await write('ticket_events', ['e1']);
    await write('outbound_deliveries', ['d1']);
    await write('messages', ['m1']);
    await write('ticket_events', ['e2', 'e3']);
    await write('messages', ['m2']);
    expect(written).toEqual([]);
    expect(writeBehind.pending('messages', em)).toEqual(['m1', 'm2']);

    await writeBehind.flush(em);

    expect(written).toEqual([
      { table: 'messages', rows: ['m1', 'm2'] },
      { table: 'outbound_deliveries', rows: ['d1'] },
      { table: 'ticket_events', rows: ['e1', 'e2', 'e3'] },
    ]);
    expect(writeBehind.pending('messages', em)).toEqual([]);
  });

  it('should write only the tables asked for when a read needs just those, and keep holding the rest', async () => {
    const { writeBehind, em, written, write } = setup();
    writeBehind.hold(em);
    await write('messages', ['m1']);
    await write('contacts', ['c1']);

    await writeBehind.flush(em, ['contacts']);

    expect(written).toEqual([{ table: 'contacts', rows: ['c1'] }]);
    expect(writeBehind.pending('messages', em)).toEqual(['m1']);
    await writeBehind.release(em);
    expect(written).toEqual([
      { table: 'contacts', rows: ['c1'] },
      { table: 'messages', rows: ['m1'] },
    ]);
  });

  it('should hold again after a flush in the middle of a group, and write directly once released', async () => {
    const { writeBehind, em, written, write } = setup();
    writeBehind.hold(em);
    await write('messages', ['m1']);
    await writeBehind.flush(em);
    await write('messages', ['m2']);
    expect(written).toEqual([{ table: 'messages', rows: ['m1'] }]);

    await writeBehind.release(em);
    await write('messages', ['m3']);

    expect(written).toEqual([
      { table: 'messages', rows: ['m1'] },
      { table: 'messages', rows: ['m2'] },
      { table: 'messages', rows: ['m3'] },
    ]);
    expect(writeBehind.isHolding(em)).toBe(false);
  });

  it('should keep the rows of one transaction apart from another', async () => {
    const { writeBehind, em, written, write } = setup();
    const other = {} as EntityManager;
    writeBehind.hold(em);
    writeBehind.hold(other);
    await write('messages', ['m1']);
    await writeBehind.flush(other);
    expect(written).toEqual([]);
    expect(writeBehind.pending('messages', other)).toEqual([]);
  });
});
