import type { Channel } from '@app/channels';
import { formatDisplayTime } from '@app/platform';
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

/**
 * How a customer reopens a resolved ticket from where the notice reaches them: a reply by mail or in
 * the chat reopens it; an SMS cannot be answered (Ventanilla receives no SMS), a call by number can.
 */
const HOW_TO_REOPEN: Record<Channel, string> = {
  email: 'Si el problema continúa, responde a este mensaje y reabriremos el ticket.',
  chat: 'Si el problema continúa, responde a este mensaje y reabriremos el ticket.',
  phone: 'Si el problema continúa, llámanos de nuevo, marca 4 y teclea el número de tu ticket: lo reabriremos.',
};

/** Tells the customer their ticket is solved, with what was done and how to reopen it on the ticket's channel. */
export function renderResolution(input: { ticketNumber: string; resolution: string; agentName: string; channel: Channel }): RenderedMessage {
  return notice(input.ticketNumber, `Tu ticket quedó resuelto`, [
    `Tu ticket ${input.ticketNumber} quedó resuelto.`,
    input.resolution.trim(),
    HOW_TO_REOPEN[input.channel],
    `Atentamente, ${input.agentName}`,
  ]);
}

const WHO_WORKS_IT: Record<string, string> = {
  L1: 'nuestro equipo de Soporte (Help Desk)',
  L2: 'nuestro equipo de Operaciones',
  L3: 'nuestro equipo de Desarrollo',
};

/** A status update while the ticket is unresolved, with the latest progress an agent wrote. */
export function renderStatusUpdate(input: {
  ticketNumber: string;
  severity: Severity;
  tier: string;
  pendingRelease: boolean;
  progressNote: string | null;
  nextUpdateAt: Date | null;
}): RenderedMessage {
  const where = input.pendingRelease
    ? 'La corrección está lista y en proceso de liberación a producción.'
    : `Tu caso lo está atendiendo ${WHO_WORKS_IT[input.tier] ?? 'nuestro equipo'}.`;
  return notice(input.ticketNumber, 'Actualización de tu ticket', [
    `Seguimos trabajando en tu ticket ${input.ticketNumber} (severidad ${input.severity}: ${SEVERITY_MEANINGS_ES[input.severity]}).`,
    where,
    `Avance: ${input.progressNote?.trim() || 'seguimos revisando tu caso; te avisaremos en cuanto tengamos novedades.'}`,
    ...(input.nextUpdateAt ? [`Te enviaremos la siguiente actualización a más tardar el ${formatDisplayTime(input.nextUpdateAt)}.`] : []),
  ]);
}
