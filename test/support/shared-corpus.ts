import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './repo-root.js';

/** `../shared` next to the checkout: material we are given and must not copy into the repo. */
export const SHARED_DIR = join(repoRoot(), '..', 'shared');
export const MAIL_CORPUS_DIR = join(SHARED_DIR, 'corpus', 'email-mikel-mail');

export const mailCorpusPresent = (): boolean => existsSync(MAIL_CORPUS_DIR);

/** Every .eml of the corpus as [path relative to the corpus, absolute path], in a stable order. */
export function mailCorpusFiles(): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.eml')) files.push([relative(MAIL_CORPUS_DIR, path), path]);
    }
  };
  if (mailCorpusPresent()) walk(MAIL_CORPUS_DIR);
  return files;
}

/** Announces, once, that a suite is skipped because ../shared is absent. */
export function noteMissingCorpus(suite: string): void {
  if (!mailCorpusPresent()) console.warn(`${suite}: skipped, the mail corpus is not at ${MAIL_CORPUS_DIR}`);
}
