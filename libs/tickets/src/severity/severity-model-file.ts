import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { finishedSeverityModel, type SeverityModel } from './severity-model.js';

/** Where `npm run build` writes the model it trains (dist/models; this file runs from dist/libs/tickets/src/severity). */
export const SEVERITY_MODEL_FILE = fileURLToPath(new URL('../../../../models/severity-model.json', import.meta.url));

let cached: SeverityModel | null | undefined;

/** The model trained at build time, read once; null when this build has none (the rules decide alone). */
export function builtSeverityModel(): SeverityModel | null {
  if (cached === undefined) cached = existsSync(SEVERITY_MODEL_FILE) ? finishedSeverityModel(JSON.parse(readFileSync(SEVERITY_MODEL_FILE, 'utf8')) as SeverityModel) : null;
  return cached;
}
