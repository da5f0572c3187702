import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles the browser code (the agents' inbox, the customers' chat widget) into dist/web with esbuild: one minified ES2020
 * bundle per entry, CSS alongside. `npm run build` runs it after compiling the server.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'apps/gateway/web');
const OUT = join(ROOT, 'dist/web');

const ENTRIES: Record<string, string> = {
  inbox: join(WEB, 'inbox/index.tsx'),
  // One classic script without globals: any page embeds it with a plain <script> (served at /widget.js).
  widget: join(WEB, 'widget/widget.ts'),
};

/**
 * What a bundle may hold: the web code, library files the browser shares (shapes, labels, pure
 * rules), preact and the socket.io client. Anything else (Nest, TypeORM, a service or entity reached
 * through an import) fails the build.
 */
const BROWSER_SAFE = new RegExp(
  '^(apps/gateway/web/|libs/(tickets|channels)/src/(?!.*\\.(service|repository|entity|module)\\.ts$)(?!index\\.ts$)' +
    '|node_modules/(preact|socket\\.io-client|socket\\.io-parser|engine\\.io-client|engine\\.io-parser|@socket\\.io/component-emitter)/)',
);

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const result = await build({
    // Its paths give the browser code @shared/<lib>/… (library files by path, never a library's index).
    tsconfig: join(WEB, 'tsconfig.json'),
    metafile: true,
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
  const serverCode = Object.keys(result.metafile.inputs).filter((input) => !BROWSER_SAFE.test(input));
  if (serverCode.length > 0) throw new Error(`the browser bundles would carry server code: ${serverCode.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
