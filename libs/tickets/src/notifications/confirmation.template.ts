import type { Channel } from '@app/channels';
import { cutWhole, formatDisplayTime, formatDurationEs } from '@app/platform';
import { SEVERITY_MEANINGS_ES } from '../severity/severity.js';
import type { Severity } from '../severity/severity.js';
import { escapeHtml } from '../text/escape-html.js';
import type { RenderedMessage } from './rendered-message.js';
import { renderChatConfirmation } from './chat-confirmation.template.js';
import { incidentKnownNotice } from './incident.template.js';
import { renderSmsConfirmation } from './sms-confirmation.template.js';

export interface ConfirmationInput {
  channel: Channel;
  ticketNumber: string;
  severity: Severity;
  customerName?: string | null;
  originalSubject: string;
  attentionDueAt: Date;
  solutionDueAt: Date;
  attentionMinutes: number;
  solutionMinutes: number;
  /** A maintenance window going on now: the customer is told, and that the clocks wait for it. */
  maintenanceUntil?: Date;
  /** The message (a call) was added to a ticket that already existed. */
  addedToExisting?: boolean;
  /** A link to confirm this (claimed) address was mailed to it. */
  verificationSentTo?: string;
  /** The report was linked at intake to an open incident: the failure is known and being worked on. */
  knownIncident?: { title: string; severity: Severity };
}

const SUBJECT_MAX = 140;
export const SUPPORT_SIGNATURE_ES = [
  'Soporte Interfactura · Portal Gratuito',
  'Atención 24 horas, los 365 días · portalgratuito@interfactura.com · (81) 4777-1119',
];

const REPLY_HINTS: Record<Channel, (ticketNumber: string) => string> = {
  email: (ticketNumber) => `Para agregar información responde a este correo sin quitar [${ticketNumber}] del asunto.`,
  chat: (ticketNumber) => `Puedes seguir escribiendo en este chat: tus mensajes se agregan al ticket ${ticketNumber}.`,
  phone: (ticketNumber) => `Si nos escribes de nuevo, menciona el ticket ${ticketNumber}.`,
};

/** The confirmation the support process promises: ticket number, severity and what happens next. */
export function renderConfirmation(input: ConfirmationInput): RenderedMessage {
  if (input.channel === 'phone') return renderSmsConfirmation(input);
  if (input.channel === 'chat') return renderChatConfirmation(input);
  const subjectTail = input.originalSubject.trim() ? `: ${input.originalSubject.trim()}` : '';
  const subject = cutWhole(`[${input.ticketNumber}] Recibimos tu solicitud${subjectTail}`, SUBJECT_MAX);
  const greeting = input.customerName?.trim() ? `Hola, ${input.customerName.trim()}:` : 'Hola:';
  const severityLine = `Severidad asignada: ${input.severity} — ${SEVERITY_MEANINGS_ES[input.severity]}`;
  const nextSteps = [
    `Un asesor de Soporte Nivel 1 (Help Desk) atenderá tu caso en un máximo de ${formatDurationEs(input.attentionMinutes)}: ` +
      `a más tardar el ${formatDisplayTime(input.attentionDueAt)}.`,
    `Nuestro compromiso de solución es de ${formatDurationEs(input.solutionMinutes)}: ` +
      `a más tardar el ${formatDisplayTime(input.solutionDueAt)}.`,
    'Según la severidad te enviaremos actualizaciones de estatus, y te confirmaremos cuando quede resuelto.',
  ];
  const incidentLine = input.knownIncident ? incidentKnownNotice(input.knownIncident.title) : undefined;
  const maintenanceLine = input.maintenanceUntil
    ? `Estamos en un mantenimiento programado hasta el ${formatDisplayTime(input.maintenanceUntil)}; los plazos de atención y solución empiezan a correr al terminar.`
    : undefined;
  const replyHint = REPLY_HINTS[input.channel](input.ticketNumber);
  const verificationLine = input.verificationSentTo
    ? `Te enviamos un enlace a ${input.verificationSentTo} para confirmar que ese correo es tuyo. ` +
      'Mientras no lo confirmes, atendemos esta conversación por separado de tu historial con nosotros.'
    : undefined;

  const text = [
    greeting,
    '',
    `Recibimos tu mensaje y abrimos el ticket ${input.ticketNumber}.`,
    '',
    severityLine,
    '',
    ...(incidentLine ? [incidentLine, ''] : []),
    ...(maintenanceLine ? [maintenanceLine, ''] : []),
    '¿Qué sigue?',
    ...nextSteps.map((step) => `- ${step}`),
    '',
    replyHint,
    '',
    ...(verificationLine ? [verificationLine, ''] : []),
    ...SUPPORT_SIGNATURE_ES,
  ].join('\n');

  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>Recibimos tu mensaje y abrimos el ticket <strong>${escapeHtml(input.ticketNumber)}</strong>.</p>`,
    `<p><strong>${escapeHtml(severityLine)}</strong></p>`,
    ...(incidentLine ? [`<p>${escapeHtml(incidentLine)}</p>`] : []),
    ...(maintenanceLine ? [`<p>${escapeHtml(maintenanceLine)}</p>`] : []),
    '<p>¿Qué sigue?</p>',
    `<ul>${nextSteps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ul>`,
    `<p>${escapeHtml(replyHint)}</p>`,
    ...(verificationLine ? [`<p>${escapeHtml(verificationLine)}</p>`] : []),
    `<p>${SUPPORT_SIGNATURE_ES.map(escapeHtml).join('<br>')}</p>`,
  ].join('\n');

  return { subject, text, html };
}
