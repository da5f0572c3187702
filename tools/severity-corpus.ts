// The labelled corpus of data/severity: the writers' labels, the second independent pass, the
// settled disagreements, and the examples agents' corrections exported (see docs/triage.md).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSeverity, type Severity } from '../libs/tickets/src/severity/severity.js';
import type { LabelledMessage } from '../libs/tickets/src/severity/severity-training.js';

export const CORPUS_DIR = join(process.cwd(), 'data', 'severity');

interface Settlement {
  id: string;
  final: Severity;
}

export interface Corpus {
  messages: LabelledMessage[];
  /** Items whose two passes disagree and that no settlement decides (trained on the first label). */
  unsettled: string[];
  /** A digest of every file read: part of the model's version. */
  digest: string;
}

export function loadCorpus(dir = CORPUS_DIR): Corpus {
  const digest = createHash('sha256');
  const read = (file: string): Array<Record<string, unknown>> => {
    const content = readFileSync(file, 'utf8');
    digest.update(content);
    return content
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  const jsonl = (folder: string) => (existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)).filter((name) => name.endsWith('.jsonl')).sort() : []);
  const second = new Map<string, Severity>();
  for (const file of jsonl('second-pass')) for (const row of read(join(dir, 'second-pass', file))) if (isSeverity(row.severity)) second.set(String(row.id), row.severity);
  const settled = new Map<string, Settlement>();
  if (existsSync(join(dir, 'settled.jsonl'))) for (const row of read(join(dir, 'settled.jsonl'))) if (isSeverity(row.final)) settled.set(String(row.id), { id: String(row.id), final: row.final });

  const messages: LabelledMessage[] = [];
  const unsettled: string[] = [];
  for (const folder of ['corpus', 'feedback']) {
    for (const file of jsonl(folder)) {
      for (const row of read(join(dir, folder, file))) {
        const id = String(row.id);
        if (!isSeverity(row.severity) || typeof row.text !== 'string') throw new Error(`${folder}/${file}: ${id} needs a text and a severity 0..3`);
        const other = second.get(id);
        const final = settled.get(id)?.final ?? row.severity;
        if (other !== undefined && other !== row.severity && !settled.has(id)) unsettled.push(id);
        messages.push({
          id,
          batch: String(row.batch ?? file.replace(/\.jsonl$/, '')),
          channel: String(row.channel ?? 'email'),
          subject: typeof row.subject === 'string' ? row.subject : null,
          text: row.text,
          severity: final,
        });
      }
    }
  }
  return { messages, unsettled, digest: digest.digest('hex') };
}
