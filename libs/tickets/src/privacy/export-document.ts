import type { PersonalRows } from '@app/channels';

/** A column whose bytes are not in the rows: loaded row by row and written as base64 under `field`. */
export interface BinaryColumn {
  table: string;
  field: string;
  load(row: Record<string, unknown>): Promise<Buffer | null>;
}

/**
 * The export as JSON text, piece by piece: `head`'s fields, then `tables` (each a list of rows),
 * with each binary column's bytes loaded only when its row is written, so a person with many large
 * files never has them all in memory at once.
 */
export async function* exportDocument(head: Record<string, unknown>, tables: PersonalRows, binaries: readonly BinaryColumn[]): AsyncGenerator<string> {
  const headFields = JSON.stringify(head).slice(1, -1);
  yield `{${headFields}${headFields ? ',' : ''}"tables":{`;
  let firstTable = true;
  for (const [table, rows] of Object.entries(tables)) {
    yield `${firstTable ? '' : ','}${JSON.stringify(table)}:[`;
    firstTable = false;
    const binary = binaries.find((column) => column.table === table);
    for (const [index, row] of rows.entries()) {
      const bytes = binary ? await binary.load(row) : undefined;
      const written = binary ? { ...row, [binary.field]: bytes ? bytes.toString('base64') : null } : row;
      yield `${index === 0 ? '' : ','}${JSON.stringify(written)}`;
    }
    yield ']';
  }
  yield '}}';
}
