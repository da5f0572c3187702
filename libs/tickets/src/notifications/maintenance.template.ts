import { formatDisplaySpan, formatDisplayTime } from '@app/platform';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';
import { smsExcerpt } from './sms-excerpt.js';

export interface MaintenanceNoticeInput {
  kind: 'announcement' | 'reminder' | 'cancellation';
  startsAt: Date;
  endsAt: Date;
  description: string;
}

/**
 * Maintenance notices to customers: the announcement (7 days ahead), the reminder (24 h ahead), a
 * cancellation; by mail, or as one SMS (the lead and what will be done, cut to a short part).
 */
export function renderMaintenanceNotice(input: MaintenanceNoticeInput, channel: 'email' | 'phone' = 'email'): RenderedMessage {
  // An SMS says the day and the time zone once: each costs a segment with accents.
  const span = formatDisplaySpan(input.startsAt, input.endsAt);
  const when = channel === 'phone' ? span : `del ${formatDisplayTime(input.startsAt)} al ${formatDisplayTime(input.endsAt)}`;
  const lead = {
    announcement: `Te avisamos que el portal gratuito de Interfactura tendrá un mantenimiento programado ${when}.`,
    reminder: `Te recordamos que mañana inicia el mantenimiento programado del portal gratuito de Interfactura, ${when}.`,
    cancellation: `El mantenimiento programado ${when.startsWith('el ') ? `para ${when}` : when} se canceló; el servicio seguirá operando con normalidad.`,
  }[input.kind];
  const subject = {
    announcement: 'Mantenimiento programado del portal gratuito',
    reminder: 'Recordatorio: mantenimiento programado del portal gratuito',
    cancellation: 'Cancelado: mantenimiento programado del portal gratuito',
  }[input.kind];
  if (channel === 'phone') {
    const what = input.kind === 'cancellation' ? '' : ` Qué haremos: ${smsExcerpt(input.description)}`;
    return { subject: `Interfactura: ${subject}`, text: `Soporte Interfactura: ${lead}${what}`, html: '' };
  }
  const paragraphs = [
    lead,
    ...(input.kind === 'cancellation' ? [] : [`Qué haremos: ${input.description}`, 'Durante ese tiempo algunos servicios podrían no estar disponibles; te recomendamos timbrar con anticipación lo que necesites.']),
  ];
  return {
    subject: `Interfactura: ${subject}`,
    text: [...paragraphs, '', ...SUPPORT_SIGNATURE_ES].join('\n\n'),
    html: [...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`), `<p>${SUPPORT_SIGNATURE_ES.map(escapeHtml).join('<br>')}</p>`].join('\n'),
  };
}
