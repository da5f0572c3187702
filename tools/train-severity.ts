// `npm run build` trains the severity model on data/severity and writes dist/models/severity-model.json.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STEM_BACKGROUND_FILE } from '../libs/tickets/src/incidents/stem-background-file.js';
import { stemBackground } from '../libs/tickets/src/incidents/stem-background.js';
import { SEVERITY_MODEL_FILE } from '../libs/tickets/src/severity/severity-model-file.js';
import { DEFAULT_TRAINING, trainSeverityModel } from '../libs/tickets/src/severity/severity-training.js';
import { loadCorpus } from './severity-corpus.js';

/** The training code is part of what a model is: its own compiled sources go into the version. */
const TRAINING_SOURCES = ['../libs/tickets/src/severity/severity-training.js', '../libs/tickets/src/severity/severity-features.js', '../libs/tickets/src/severity/severity-rules.js'];

function main(): void {
  const started = Date.now();
  const corpus = loadCorpus();
  if (corpus.messages.length === 0) throw new Error('no labelled messages under data/severity/corpus');
  const code = createHash('sha256');
  for (const source of TRAINING_SOURCES) code.update(readFileSync(fileURLToPath(new URL(source, import.meta.url))));
  const version = `sev-${createHash('sha256').update(corpus.digest).update(code.digest('hex')).update(JSON.stringify(DEFAULT_TRAINING)).digest('hex').slice(0, 10)}`;
  const model = trainSeverityModel(corpus.messages, DEFAULT_TRAINING, version);
  mkdirSync(dirname(SEVERITY_MODEL_FILE), { recursive: true });
  writeFileSync(SEVERITY_MODEL_FILE, JSON.stringify(model));
  // Outage detection weighs shared words by how rare they are in ordinary support mail.
  writeFileSync(STEM_BACKGROUND_FILE, JSON.stringify(stemBackground(corpus.messages)));
  const unsettled = corpus.unsettled.length > 0 ? `; ${corpus.unsettled.length} disagreements not settled yet` : '';
  console.log(`severity model ${version}: ${corpus.messages.length} messages, ${Object.keys(model.weights).length} features, ${Date.now() - started} ms${unsettled}`);
}

main();
