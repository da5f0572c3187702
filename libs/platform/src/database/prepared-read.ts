import type { EntityManager } from 'typeorm';
import { runPreparedTogether } from './pipelined-transaction.js';

/** A statement, and what its rows mean: read with others in one round trip (`readTogether`). */
export interface PreparedRead<T> {
  text: string;
  values: readonly unknown[];
  read(rows: Array<Record<string, unknown>>): T;
}

type Meanings<Reads extends ReadonlyArray<PreparedRead<unknown>>> = { [K in keyof Reads]: Reads[K] extends PreparedRead<infer T> ? T : never };

/**
 * Runs the reads' statements as `runPreparedTogether` runs them (one round trip in a pipelined
 * transaction, in order, each with a snapshot of its own) and answers what each one's rows mean.
 */
export async function readTogether<const Reads extends ReadonlyArray<PreparedRead<unknown>>>(em: EntityManager, reads: Reads): Promise<Meanings<Reads>> {
  if (reads.length === 0) return [] as unknown as Meanings<Reads>;
  const rows = await runPreparedTogether(em, reads);
  return reads.map((read, index) => read.read(rows[index]!)) as unknown as Meanings<Reads>;
}
