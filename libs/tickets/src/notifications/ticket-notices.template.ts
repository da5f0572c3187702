import { SEVERITY_MEANINGS_ES, type Severity } from '../severity/severity.js';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

function notice(ticketNumber: string, subject: string, paragraphs: string[]): RenderedMessage {
  const lines = [...paragraphs, '', ...SUPPORT_SIGNATURE_ES];
  return {
    subject: `[${ticketNumber}] ${subject}`,
    text: lines.join('\n\n').replace(/\n\n\n\n/g, '\n\n'),
    html: [...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`), `<p>${SUPPORT_SIGNATURE_ES.map(escapeHtml).join('<br>')}</p>`].join(
      '\n',
    ),
  };
}

/** Tells the customer their ticket's severity changed, and why. */
export function renderSeverityChange(input: { ticketNumber: string; from: Severity; to: Severity; reason: string }): RenderedMessage {
  return notice(input.ticketNumber, `Actualizamos la severidad de tu ticket`, [
    `Actualizamos la severidad de tu ticket ${input.ticketNumber}: de ${input.from} a ${input.to}.`,
    `Severidad ${input.to}: ${SEVERITY_MEANINGS_ES[input.to]}`,
    ...(input.reason.trim() ? [`Motivo: ${input.reason.trim()}`] : []),
  ]);
}

/** Tells the customer their ticket is solved, with what was done. */
export function renderResolution(input: { ticketNumber: string; resolution: string; agentName: string }): RenderedMessage {
  return notice(input.ticketNumber, `Tu ticket quedó resuelto`, [
    `Tu ticket ${input.ticketNumber} quedó resuelto.`,
    input.resolution.trim(),
    'Si el problema continúa, responde a este mensaje y reabriremos el ticket.',
    `Atentamente, ${input.agentName}`,
  ]);
}
