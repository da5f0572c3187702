import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Swagger UI's page: its own files only (no inline script), pointed at the document beside it. */
export const API_DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Ventanilla API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/api-docs.js"></script>
</body>
</html>
`;

// No validator badge: it would send the document to validator.swagger.io.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/docs/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;

export interface ApiDocsAsset {
  type: string;
  content: Buffer;
}

const cache = new Map<string, ApiDocsAsset>();

/** One of the page's files (swagger-ui-dist's, or the script that starts it); undefined for any other name. */
export function apiDocsAsset(name: string): ApiDocsAsset | undefined {
  const cached = cache.get(name);
  if (cached) return cached;
  let asset: ApiDocsAsset | undefined;
  if (name === 'api-docs.js') asset = { type: 'text/javascript; charset=utf-8', content: Buffer.from(INIT_SCRIPT) };
  else if ((SWAGGER_UI_FILES as readonly string[]).includes(name)) {
    const directory = (createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
    asset = { type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', content: readFileSync(join(directory, name)) };
  }
  if (asset) cache.set(name, asset);
  return asset;
}
