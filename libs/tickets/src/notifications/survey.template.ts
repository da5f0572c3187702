import type { Channel } from '@app/channels';
import { SURVEY_LINK_PLACEHOLDER } from '../survey/survey-rules.js';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

/**
 * The satisfaction survey after resolution, on the customer's channel. Its link is the placeholder
 * here; the worker puts the signed link in when it sends (the chat shows buttons instead).
 */
export function renderSurvey(input: { channel: Channel; ticketNumber: string; customerName?: string | null }): RenderedMessage {
  const subject = `[${input.ticketNumber}] ¿Cómo te atendimos?`;
  if (input.channel === 'phone') {
    return { subject, text: `Soporte Interfactura: ¿cómo te atendimos en el ticket ${input.ticketNumber}? Responde con un número del 1 (muy mala) al 5 (excelente), o califícanos aquí: ${SURVEY_LINK_PLACEHOLDER}`, html: '' };
  }
  const question = `¿Cómo te atendimos en el ticket ${input.ticketNumber}? Califícanos con un clic; si quieres, déjanos también un comentario.`;
  if (input.channel === 'chat') return { subject, text: `${question}\n${SURVEY_LINK_PLACEHOLDER}`, html: '' };
  const greeting = input.customerName?.trim() ? `Hola, ${input.customerName.trim()}:` : 'Hola:';
  const text = [greeting, '', `Resolvimos tu ticket ${input.ticketNumber}.`, question, SURVEY_LINK_PLACEHOLDER, '', ...SUPPORT_SIGNATURE_ES].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>Resolvimos tu ticket <strong>${escapeHtml(input.ticketNumber)}</strong>.</p>`,
    `<p>${escapeHtml(question)}</p>`,
    `<p><a href="${SURVEY_LINK_PLACEHOLDER}">Calificar la atención</a></p>`,
    `<p>${SUPPORT_SIGNATURE_ES.map(escapeHtml).join('<br>')}</p>`,
  ].join('\n');
  return { subject, text, html };
}
