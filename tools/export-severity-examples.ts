// `npm run export:severity-examples [-- --since 2026-12-01] [--out file.jsonl]`: the severities agents decided (changed
// or confirmed) become labelled examples in data/severity/feedback/, in the corpus's format, so the
// next `npm run build` trains on them too. Review the file before committing it: it holds customers' words.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataSourceOptions, EnvReader, loadDotEnv } from '@app/platform';
import { readCoreConfig, SeverityExamplesRepository, TICKETS_ENTITIES, TICKETS_MIGRATIONS } from '@app/tickets';
import { DataSource } from 'typeorm';
import { CORPUS_DIR } from './severity-corpus.js';

async function main(): Promise<void> {
  loadDotEnv();
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at > 0 ? (process.argv[at + 1] ?? '') : undefined;
  };
  const sinceText = option('--since');
  const since = sinceText === undefined ? undefined : new Date(sinceText);
  if (since && Number.isNaN(since.getTime())) throw new Error('--since needs a date, e.g. --since 2026-12-01');
  const { databaseUrl } = readCoreConfig(new EnvReader(process.env));
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, { entities: TICKETS_ENTITIES, migrations: TICKETS_MIGRATIONS }, 2), logging: false });
  await dataSource.initialize();
  try {
    const examples = await new SeverityExamplesRepository(dataSource).since(since);
    if (examples.length === 0) {
      console.log('no severity decisions to export');
      return;
    }
    const lines = examples.map((example) =>
      JSON.stringify({
        id: `fb-${example.id.slice(0, 8)}`,
        batch: 'feedback',
        author: example.agentName,
        channel: example.channel,
        subject: example.channel === 'email' ? example.subject : null,
        text: example.text,
        severity: example.decided,
        why: `decided by ${example.agentName} on ${example.ticketNumber} (proposed ${example.proposed ?? '-'} by ${example.modelVersion ?? 'no model'})`,
      }),
    );
    const file = option('--out') ?? join(CORPUS_DIR, 'feedback', `feedback-${new Date().toISOString().slice(0, 10)}.jsonl`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
    console.log(`${examples.length} examples written to ${file}; the next build trains on them`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
