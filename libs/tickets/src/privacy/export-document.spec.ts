import { describe, expect, it } from '@jest/globals';
import { exportDocument } from './export-document.js';

const text = async (pieces: AsyncIterable<string>): Promise<string> => {
  let all = '';
  for await (const piece of pieces) all += piece;
  return all;
};

describe('exportDocument', () => {
  it('should write the head, every table and each binary column as base64 when rows have bytes', async () => {
    const loaded: string[] = [];
    const document = exportDocument(
      { format: 'v1', contactId: 'c-1' },
      { contacts: [{ id: 'c-1', name: 'Ana' }], attachments: [{ id: 'a-1' }, { id: 'a-2' }], empty: [] },
      [
        {
          table: 'attachments',
          field: 'content_base64',
          load: (row) => {
            loaded.push(String(row.id));
            return Promise.resolve(row.id === 'a-1' ? Buffer.from('hola') : null);
          },
        },
      ],
    );
    expect(JSON.parse(await text(document))).toEqual({
      format: 'v1',
      contactId: 'c-1',
      tables: {
        contacts: [{ id: 'c-1', name: 'Ana' }],
        attachments: [
          { id: 'a-1', content_base64: Buffer.from('hola').toString('base64') },
          { id: 'a-2', content_base64: null },
        ],
        empty: [],
      },
    });
    expect(loaded).toEqual(['a-1', 'a-2']);
  });

  it('should load a row’s bytes only when that row is written, when read piece by piece', async () => {
    let loads = 0;
    const pieces = exportDocument({ format: 'v1' }, { attachments: [{ id: 'a-1' }, { id: 'a-2' }, { id: 'a-3' }] }, [
      { table: 'attachments', field: 'content_base64', load: () => Promise.resolve(Buffer.from(String(++loads))) },
    ])[Symbol.asyncIterator]();
    await pieces.next();
    await pieces.next();
    await pieces.next();
    expect(loads).toBe(1);
  });

  it('should still be valid JSON when the head is empty and there are no tables', async () => {
    expect(JSON.parse(await text(exportDocument({}, {}, [])))).toEqual({ tables: {} });
  });
});
