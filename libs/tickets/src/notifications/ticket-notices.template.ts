import type { Channel } from '@app/channels';
import { formatDisplayTime } from '@app/platform';
import type { TicketStatus } from '../domain.js';
import { SEVERITY_LABELS_ES, SEVERITY_MEANINGS_ES, type Severity } from '../severity/severity.js';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';
import { smsExcerpt } from './sms-excerpt.js';

/**
 * A notice as one SMS (a phone ticket): "Interfactura IF-000123: ..." in a few sentences, without the
 * mail's subject line, paragraphs and signature (a status update by mail is about 480 characters,
 * eight SMS segments with accents). A phone ticket's mail copy, when the caller left an address, reads the same.
 */
function smsNotice(ticketNumber: string, subject: string, sentences: string[]): RenderedMessage {
  return { subject: `[${ticketNumber}] ${subject}`, text: [`Interfactura ${ticketNumber}:`, ...sentences.filter(Boolean)].join(' '), html: '' };
}

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
export function renderSeverityChange(input: { ticketNumber: string; from: Severity; to: Severity; reason: string; channel: Channel }): RenderedMessage {
  if (input.channel === 'phone') {
    return smsNotice(input.ticketNumber, 'Actualizamos la severidad de tu ticket', [
      `cambiamos la severidad de tu ticket de ${input.from} a ${input.to} (${SEVERITY_LABELS_ES[input.to]}).`,
      input.reason.trim() ? `Motivo: ${smsExcerpt(input.reason)}` : '',
    ]);
  }
  return notice(input.ticketNumber, `Actualizamos la severidad de tu ticket`, [
    `Actualizamos la severidad de tu ticket ${input.ticketNumber}: de ${input.from} a ${input.to}.`,
    `Severidad ${input.to}: ${SEVERITY_MEANINGS_ES[input.to]}`,
    ...(input.reason.trim() ? [`Motivo: ${input.reason.trim()}`] : []),
  ]);
}

/**
 * How a customer reopens a resolved ticket from where the notice reaches them: a reply by mail, in the
 * chat or by SMS reopens it (an SMS within a week: docs/phone.md), and so does a call by number.
 */
const HOW_TO_REOPEN: Record<Channel, string> = {
  email: 'Si el problema continúa, responde a este mensaje y reabriremos el ticket.',
  chat: 'Si el problema continúa, responde a este mensaje y reabriremos el ticket.',
  phone: 'Si el problema continúa, responde a este SMS o llámanos, marca 4 y teclea el número de tu ticket: lo reabriremos.',
};

/** Tells the customer their ticket is solved, with what was done and how to reopen it on the ticket's channel. */
export function renderResolution(input: { ticketNumber: string; resolution: string; agentName: string; channel: Channel }): RenderedMessage {
  // Whole on every channel (the agent wrote it to be read; on a phone ticket it must fit one SMS: assertFitsSms).
  if (input.channel === 'phone') {
    return smsNotice(input.ticketNumber, 'Tu ticket quedó resuelto', ['tu ticket quedó resuelto.', input.resolution.trim(), HOW_TO_REOPEN.phone, `${input.agentName}, Soporte Interfactura.`]);
  }
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

/** A status update while the ticket is unresolved, with the latest progress an agent wrote and when. */
export function renderStatusUpdate(input: {
  ticketNumber: string;
  severity: Severity;
  tier: string;
  status: TicketStatus;
  progressNote: string | null;
  progressNoteAt: Date | null;
  nextUpdateAt: Date | null;
  channel: Channel;
}): RenderedMessage {
  const note = input.progressNote?.trim();
  // The same note may go out at several cadences: its date says it is not news.
  const progress = note ? `Avance${input.progressNoteAt ? ` registrado el ${formatDisplayTime(input.progressNoteAt)}` : ''}: ${note}` : null;
  const waiting = input.status === 'waiting_customer';
  if (input.channel === 'phone') {
    return smsNotice(input.ticketNumber, 'Actualización de tu ticket', [
      waiting ? `tu ticket (severidad ${input.severity}) espera tu respuesta: contesta este SMS o llámanos y marca 4 con el número de tu ticket.` : `seguimos trabajando en tu ticket (severidad ${input.severity}).`,
      input.status === 'pending_release' ? 'La corrección está lista y se está liberando.' : '',
      note ? `Avance: ${smsExcerpt(note)}` : '',
      input.nextUpdateAt ? `Próxima actualización a más tardar el ${formatDisplayTime(input.nextUpdateAt)}.` : '',
    ]);
  }
  const where =
    input.status === 'pending_release'
      ? 'La corrección está lista y en proceso de liberación a producción.'
      : waiting
        ? 'Para seguir necesitamos tu respuesta a nuestro último mensaje: contéstalo cuando puedas.'
        : `Tu caso lo está atendiendo ${WHO_WORKS_IT[input.tier] ?? 'nuestro equipo'}.`;
  return notice(input.ticketNumber, 'Actualización de tu ticket', [
    `${waiting ? 'Tu ticket' : 'Seguimos trabajando en tu ticket'} ${input.ticketNumber} (severidad ${input.severity}: ${SEVERITY_MEANINGS_ES[input.severity]})${waiting ? ' espera tu respuesta' : ''}.`,
    where,
    progress ?? (waiting ? '' : 'Avance: seguimos revisando tu caso; te avisaremos en cuanto tengamos novedades.'),
    ...(input.nextUpdateAt ? [`Te enviaremos la siguiente actualización a más tardar el ${formatDisplayTime(input.nextUpdateAt)}.`] : []),
  ].filter(Boolean));
}
