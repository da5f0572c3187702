import type { Channel } from '@app/channels';
import { cutWhole } from '@app/platform';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

export interface ReplyInput {
  channel: Channel;
  ticketNumber: string;
  subject: string;
  body: string;
  agentName: string;
}

/** An agent's reply as the customer receives it; the ticket number stays in the subject for threading. */
export function renderReply(input: ReplyInput): RenderedMessage {
  const subject = cutWhole(`Re: [${input.ticketNumber}] ${input.subject.trim() || 'Tu solicitud'}`, 160);
  const signature = [input.agentName, ...SUPPORT_SIGNATURE_ES];
  // The chat shows the agent's name beside the text; an SMS signs it in one line (the mail's
  // signature would take a segment of its own); mail signs it in full (the HTML part also serves a chat reply mailed).
  const text =
    input.channel === 'chat'
      ? input.body.trim()
      : input.channel === 'phone'
        ? `${input.body.trim()}\n— ${input.agentName}, Soporte Interfactura`
        : [input.body.trim(), '', '--', ...signature].join('\n');
  const paragraphs = input.body
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  const html = [...paragraphs, `<p>--<br>${signature.map(escapeHtml).join('<br>')}</p>`].join('\n');
  return { subject, text, html };
}
