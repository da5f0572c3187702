import type { Channel } from '@app/channels';
import { cutWhole } from '@app/platform';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

export interface IncidentMessageInput {
  channel: Channel;
  ticketNumber: string;
  ticketSubject: string;
  incidentTitle: string;
  body: string;
  agentName: string;
  /** `resolution`: the failure is solved and the ticket closes with this message. */
  kind: 'update' | 'resolution';
}

/** SMS stays within two segments: the update is cut, the ticket number never. */
const SMS_BODY_CHARS = 200;

/**
 * One incident update as each linked customer reads it: mail threaded on their own ticket with the
 * whole text; chat the text alone (the widget shows who wrote it); SMS short, with the ticket number.
 */
export function renderIncidentMessage(input: IncidentMessageInput): RenderedMessage {
  const body = input.body.trim();
  const lead =
    input.kind === 'resolution'
      ? `Quedó resuelta la falla "${input.incidentTitle}" que nos reportaste en tu ticket ${input.ticketNumber}.`
      : `Actualización sobre la falla "${input.incidentTitle}" que nos reportaste en tu ticket ${input.ticketNumber}:`;
  const closing =
    input.kind === 'resolution'
      ? 'Tu ticket queda resuelto. Si el problema continúa, responde a este mensaje y lo reabriremos.'
      : 'Seguimos trabajando en ella y te enviaremos la siguiente actualización en cuanto haya novedades.';
  const subject = cutWhole(`Re: [${input.ticketNumber}] ${input.kind === 'resolution' ? 'Falla resuelta' : 'Actualización'}: ${input.incidentTitle}`, 160);
  if (input.channel === 'phone') {
    const short = body.length > SMS_BODY_CHARS ? `${body.slice(0, SMS_BODY_CHARS - 1)}…` : body;
    const head = input.kind === 'resolution' ? `Interfactura ${input.ticketNumber}: falla resuelta.` : `Interfactura ${input.ticketNumber}: actualización.`;
    return { subject, text: `${head} ${short}`, html: '' };
  }
  if (input.channel === 'chat') return { subject, text: [lead, body, closing].join('\n\n'), html: paragraphsHtml([lead, body, closing]) };
  const paragraphs = [lead, body, closing, `Atentamente, ${input.agentName}`];
  return {
    subject,
    text: [...paragraphs, '', ...SUPPORT_SIGNATURE_ES].join('\n\n').replace(/\n\n\n\n/g, '\n\n'),
    html: paragraphsHtml([...paragraphs, SUPPORT_SIGNATURE_ES.join('\n')]),
  };
}

/** The paragraph a confirmation adds when the contact was linked at intake to an open incident. */
export function incidentKnownNotice(incidentTitle: string): string {
  return (
    `Ya sabemos de esta falla ("${incidentTitle}") y la estamos atendiendo. ` +
    'Te enviaremos las actualizaciones por este mismo medio hasta que quede resuelta.'
  );
}

function paragraphsHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`).join('\n');
}
