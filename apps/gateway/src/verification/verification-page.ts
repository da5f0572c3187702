import { createHash } from 'node:crypto';
import { escapeHtml, VERIFICATION_PATH, type VerificationOutcome } from '@app/tickets';

export interface VerificationPage {
  status: number;
  html: string;
}

const STYLE = [
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1d2630}',
  'main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}',
  'h1{font-size:1.4rem;margin-top:0}',
  'button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#0b5cab;color:#fff;cursor:pointer}',
  '.firma{color:#5b6773;font-size:.9rem}',
].join('');

/** No script at all; the one style block is allowed by its hash, not by 'unsafe-inline'. */
export const VERIFICATION_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * The Spanish page of a verification link. A GET only shows what the link is worth and a button;
 * the POST of that button verifies, so mail scanners that open links verify nothing.
 */
export function renderVerificationPage(outcome: VerificationOutcome, token: string): VerificationPage {
  switch (outcome.state) {
    case 'valid':
      return page(200, 'Confirma tu correo', [
        `Confirma que <strong>${escapeHtml(outcome.email)}</strong> es tu correo para unir tu chat con Soporte a tu historial con nosotros.`,
        `<form method="post" action="${VERIFICATION_PATH}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Confirmar mi correo</button></form>`,
        'Si no iniciaste un chat con Soporte Interfactura, cierra esta página: no cambiaremos nada.',
      ]);
    case 'verified':
      return page(200, 'Listo: confirmamos tu correo', [
        `Unimos tu chat${outcome.tickets.length > 0 ? ` (ticket ${outcome.tickets.map(escapeHtml).join(', ')})` : ''} a tu historial de <strong>${escapeHtml(outcome.email)}</strong>.`,
        'Puedes cerrar esta página y seguir la conversación en el chat.',
      ]);
    case 'used':
      return page(410, 'Este enlace ya se usó', [
        'Cada enlace de confirmación sirve una sola vez, y este ya se usó. Si fuiste tú, tu correo ya quedó confirmado: no necesitas hacer nada más.',
      ]);
    case 'expired':
      return page(410, 'Este enlace venció', [
        'Por seguridad, los enlaces de confirmación vencen. Si aún necesitas ayuda, inicia un chat nuevo en el portal y te enviaremos otro enlace.',
      ]);
    case 'unknown':
      return page(404, 'Enlace no válido', ['No reconocemos este enlace. Revisa que lo hayas copiado completo del correo que te enviamos.']);
  }
}

function page(status: number, title: string, paragraphs: string[]): VerificationPage {
  const body = paragraphs.map((paragraph) => (paragraph.startsWith('<form') ? paragraph : `<p>${paragraph}</p>`)).join('\n');
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
