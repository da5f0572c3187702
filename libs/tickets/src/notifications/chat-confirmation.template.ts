import { formatDisplayTime, formatDurationEs } from '@app/platform';
import { SEVERITY_LABELS_ES } from '../severity/severity.js';
import { escapeHtml } from '../text/escape-html.js';
import { incidentKnownNotice } from './incident.template.js';
import type { ConfirmationInput } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

/**
 * The confirmation in the chat: the widget shows it as a card under the ticket number and the
 * severity in plain words, so the text says only what happens next, in a few lines (the mail's
 * letter, with greeting, deadlines twice and signature, fills a phone's whole chat).
 */
export function renderChatConfirmation(input: ConfirmationInput): RenderedMessage {
  const lines = [
    ...(input.knownIncident ? [incidentKnownNotice(input.knownIncident.title)] : []),
    // During maintenance the clocks wait for its end: the promise says from when, not "within 2 hours" of now.
    input.maintenanceUntil
      ? `Estamos en un mantenimiento programado hasta el ${formatDisplayTime(input.maintenanceUntil)}; al terminar, un asesor te atiende en menos de ${formatDurationEs(input.attentionMinutes)}.`
      : `Un asesor te atiende en menos de ${formatDurationEs(input.attentionMinutes)}.`,
    ...(input.verificationSentTo ? [`Confirma tu correo con el enlace que enviamos a ${input.verificationSentTo}.`] : []),
    'Puedes seguir escribiendo aquí: tus mensajes se agregan al ticket.',
  ];
  return {
    subject: `[${input.ticketNumber}] ${SEVERITY_LABELS_ES[input.severity]}`,
    text: lines.join('\n'),
    html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
  };
}
