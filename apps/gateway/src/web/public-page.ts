import { createHash } from 'node:crypto';
import { escapeHtml } from '@app/tickets';
import type { Response } from 'express';

/** A page customers open from a link we sent (verification, survey): status and HTML. */
export interface PublicPage {
  status: number;
  html: string;
}

const STYLE = [
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1d2630}',
  'main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}',
  'h1{font-size:1.4rem;margin-top:0}',
  'button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#0b5cab;color:#fff;cursor:pointer}',
  'button:focus-visible,textarea:focus-visible{outline:3px solid #1d2630;outline-offset:2px}',
  '.firma{color:#5b6773;font-size:.9rem}',
  '.ratings{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}',
  '.ratings button{flex:1 1 5.5rem;min-height:3rem}',
  'label{display:block;font-weight:600;margin:1rem 0 .25rem}',
  'textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #8a96a3;border-radius:6px}',
  '@media (max-width:30rem){main{margin:0;border-radius:0;padding:1.25rem}}',
].join('');

/** No script at all; the one style block is allowed by its hash, not by 'unsafe-inline'. */
export const PUBLIC_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The page: `parts` are paragraphs of trusted HTML (escape what came from outside), or whole forms. */
export function publicPage(status: number, title: string, parts: string[]): PublicPage {
  const body = parts.map((part) => (part.startsWith('<form') ? part : `<p>${part}</p>`)).join('\n');
  const html = `<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Soporte Interfactura</title>
<style>${STYLE}</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
<p class="firma">Soporte Interfactura · Portal Gratuito</p>
</main></body>
</html>`;
  return { status, html };
}

/** Sends a public page with the headers such pages need: the link's secret is in the URL, so no Referer, no cache. */
export function sendPublicPage(response: Response, page: PublicPage): void {
  response
    .status(page.status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PUBLIC_PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(page.html);
}
