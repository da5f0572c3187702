import { escapeHtml, VERIFICATION_PATH, type VerificationOutcome } from '@app/tickets';
import { PUBLIC_PAGE_CSP, publicPage, type PublicPage } from '../web/public-page.js';

export type VerificationPage = PublicPage;

/** Kept under its old name: the verification page is one of the public pages. */
export const VERIFICATION_PAGE_CSP = PUBLIC_PAGE_CSP;

/**
 * The Spanish page of a verification link. A GET only shows what the link is worth and a button;
 * the POST of that button verifies, so mail scanners that open links verify nothing.
 */
export function renderVerificationPage(outcome: VerificationOutcome, token: string): VerificationPage {
  switch (outcome.state) {
    case 'valid':
      return publicPage(200, 'Confirma tu correo', [
        `Confirma que <strong>${escapeHtml(outcome.email)}</strong> es tu correo para unir tu chat con Soporte a tu historial con nosotros.`,
        `<form method="post" action="${VERIFICATION_PATH}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Confirmar mi correo</button></form>`,
        'Si no iniciaste un chat con Soporte Interfactura, cierra esta página: no cambiaremos nada.',
      ]);
    case 'verified':
      return publicPage(200, 'Listo: confirmamos tu correo', [
        `Unimos tu chat${outcome.tickets.length > 0 ? ` (ticket ${outcome.tickets.map(escapeHtml).join(', ')})` : ''} a tu historial de <strong>${escapeHtml(outcome.email)}</strong>.`,
        'Puedes cerrar esta página y seguir la conversación en el chat.',
      ]);
    case 'used':
      return publicPage(410, 'Este enlace ya se usó', [
        'Cada enlace de confirmación sirve una sola vez, y este ya se usó. Si fuiste tú, tu correo ya quedó confirmado: no necesitas hacer nada más.',
      ]);
    case 'expired':
      return publicPage(410, 'Este enlace venció', [
        'Por seguridad, los enlaces de confirmación vencen. Si aún necesitas ayuda, inicia un chat nuevo en el portal y te enviaremos otro enlace.',
      ]);
    case 'unknown':
      return publicPage(404, 'Enlace no válido', ['No reconocemos este enlace. Revisa que lo hayas copiado completo del correo que te enviamos.']);
  }
}

