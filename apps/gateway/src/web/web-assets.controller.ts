import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, NotFoundException } from '@nestjs/common';

/** Where `npm run build` puts the browser bundles (tools/build-web.ts): dist/web, beside dist/apps. */
const WEB_DIR = fileURLToPath(new URL('../../../../web/', import.meta.url));

/** The embeddable chat widget and a page that embeds it as the portal does. */
@Controller()
export class WebAssetsController {
  @Get('widget.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  // Portal pages on other origins load it with a plain <script>, also under Cross-Origin-Embedder-Policy.
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  @Header('X-Content-Type-Options', 'nosniff')
  widget(): Promise<string> {
    return asset('widget.js');
  }

  @Get('chat-demo')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  demo(): Promise<string> {
    return asset('chat-demo.html');
  }
}

async function asset(name: string): Promise<string> {
  try {
    return await readFile(`${WEB_DIR}${name}`, 'utf8');
  } catch {
    throw new NotFoundException(`${name} is not built; run npm run build`);
  }
}
