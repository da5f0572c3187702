import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NO_BACKGROUND, type StemBackground } from './report-similarity.js';

/** How common each word is in ordinary support mail, written by `npm run build` beside the severity model. */
export const STEM_BACKGROUND_FILE = fileURLToPath(new URL('../../../../models/stem-background.json', import.meta.url));

let cached: StemBackground | undefined;

/** The background built at build time, read once; without one every shared word weighs the same. */
export function builtStemBackground(): StemBackground {
  cached ??= existsSync(STEM_BACKGROUND_FILE) ? (JSON.parse(readFileSync(STEM_BACKGROUND_FILE, 'utf8')) as StemBackground) : NO_BACKGROUND;
  return cached;
}
