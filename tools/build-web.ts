import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The browser side of `npm run build`: bundles each entry (TypeScript + its npm dependencies) into
 * one minified script under dist/web, and copies the static pages. The gateway serves dist/web.
 * Add an entry here for each new browser app.
 */
const ENTRIES = [{ in: 'web/widget/widget.ts', out: 'widget' }];
const STATIC_FILES = ['web/chat-demo.html'];

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = join(root, 'dist/web');

async function main(): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    minify: true,
    // One classic script that defines no globals: any page can embed it with a plain <script>.
    format: 'iife',
    target: 'es2020',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of STATIC_FILES) copyFileSync(join(root, file), join(outdir, file.split('/').pop()!));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
