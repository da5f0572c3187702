import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { INBOX_PAGE_POLICY } from '../security/security-headers.js';
import { WebAssets } from './web-assets.js';

const INBOX_HTML = `<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ventanilla · Soporte Interfactura</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/inbox.css">
<script src="/assets/inbox.js" defer></script>
</head>
<body><div id="app"><p class="loading">Cargando…</p></div></body>
</html>`;

/** The agents' inbox page and the browser bundles: public, since signing in happens in the page. */
@Public()
@Controller()
export class WebPagesController {
  constructor(private readonly assets: WebAssets) {}

  @Get('inbox')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', INBOX_PAGE_POLICY)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  inbox(): string {
    return INBOX_HTML;
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`No existe el archivo ${name}.`);
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-cache');
    response.send(asset.body);
  }
}
