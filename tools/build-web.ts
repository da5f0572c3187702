import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles the browser code (the agents' inbox) into dist/web with esbuild: one minified ES2020
 * bundle per entry, CSS alongside. `npm run build` runs it after compiling the server.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'apps/gateway/web');
const OUT = join(ROOT, 'dist/web');

const ENTRIES: Record<string, string> = {
  inbox: join(WEB, 'inbox/index.tsx'),
};

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: ENTRIES,
    outdir: OUT,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
