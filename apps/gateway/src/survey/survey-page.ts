import { escapeHtml, RATING_LABELS_ES, RATINGS, SURVEY_COMMENT_MAX, SURVEY_PATH, type KnownSurvey, type SurveyView } from '@app/tickets';
import { publicPage, type PublicPage } from '../web/public-page.js';

/** The link's own fields, carried by every form of the page. */
export interface SurveyLinkFields {
  id: string;
  firma: string;
}

const hidden = (link: SurveyLinkFields): string =>
  `<input type="hidden" name="id" value="${escapeHtml(link.id)}"><input type="hidden" name="firma" value="${escapeHtml(link.firma)}">`;

function commentForm(link: SurveyLinkFields): string {
  return `<form method="post" action="${SURVEY_PATH}">${hidden(link)}<label for="comentario">¿Algo que quieras contarnos? (opcional)</label><textarea id="comentario" name="comentario" maxlength="${SURVEY_COMMENT_MAX}"></textarea><p><button type="submit">Enviar comentario</button></p></form>`;
}

/**
 * The survey's page. A GET only shows the five ratings (mail scanners that open links rate nothing);
 * one click on a rating POSTs it. Then a thank-you, and an optional comment, once.
 */
export function renderSurveyPage(view: SurveyView, link: SurveyLinkFields, notice?: string): PublicPage {
  if (view.state === 'unknown') {
    return publicPage(404, 'Enlace no válido', ['No reconocemos este enlace. Revisa que lo hayas copiado completo del mensaje que te enviamos.']);
  }
  if (view.state === 'open') {
    const buttons = RATINGS.map((rating) => `<button type="submit" name="calificacion" value="${rating}">${rating} · ${RATING_LABELS_ES[rating]}</button>`).join('');
    return publicPage(200, '¿Cómo te atendimos?', [
      `Resolvimos tu ticket <strong>${escapeHtml(view.ticketNumber)}</strong>. Califica la atención que recibiste con un clic: 1 es muy mala y 5 excelente.`,
      `<form method="post" action="${SURVEY_PATH}">${hidden(link)}<div class="ratings" role="group" aria-label="Calificación">${buttons}</div></form>`,
    ]);
  }
  return answeredPage(view, link, notice);
}

function answeredPage(view: KnownSurvey, link: SurveyLinkFields, notice?: string): PublicPage {
  const rating = view.rating!;
  return publicPage(200, '¡Gracias por tu respuesta!', [
    ...(notice ? [escapeHtml(notice)] : []),
    `Registramos tu calificación del ticket <strong>${escapeHtml(view.ticketNumber)}</strong>: ${rating} de 5 (${RATING_LABELS_ES[rating]}).`,
    ...(view.commented ? ['También recibimos tu comentario. Puedes cerrar esta página.'] : [commentForm(link)]),
  ]);
}
