import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { Public } from '../auth/auth.decorators.js';
import { WIDGET_PAGE_POLICY } from '../security/security-headers.js';
import { CHAT_DEMO_HTML } from './chat-demo.page.js';
import { WebAssets } from './web-assets.js';

/** The embeddable chat widget and a page that embeds it as the portal does: for customers, so public. */
@Public()
@Controller()
export class WebAssetsController {
  constructor(private readonly assets: WebAssets) {}

  @Get('widget.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  // Portal pages on other origins load it with a plain <script>, also under Cross-Origin-Embedder-Policy.
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  @Header('X-Content-Type-Options', 'nosniff')
  widget(): string {
    const asset = this.assets.get('widget.js');
    if (!asset) throw new NotFoundException('El widget (widget.js) no está compilado; ejecuta npm run build.');
    return asset.body.toString('utf8');
  }

  @Get('chat-demo')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', WIDGET_PAGE_POLICY)
  @Header('Cache-Control', 'no-cache')
  demo(): string {
    return CHAT_DEMO_HTML;
  }
}
