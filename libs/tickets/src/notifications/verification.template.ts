import { formatDisplayTime } from '@app/platform';
import { VERIFICATION_LINK_PLACEHOLDER } from '../identity/verification-rules.js';
import { escapeHtml } from '../text/escape-html.js';
import { SUPPORT_SIGNATURE_ES } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

export interface VerificationMailInput {
  ticketNumber: string;
  /** The claimed address the mail goes to. */
  email: string;
  expiresAt: Date;
}

/**
 * The mail that asks the owner of a claimed address to confirm it. It carries nothing the chat's
 * author typed (name, subject): the address may belong to someone else, who must not receive
 * a stranger's words in a mail of ours. Its link is the placeholder until the mail is sent.
 */
export function renderVerificationMail(input: VerificationMailInput): RenderedMessage {
  const paragraphs = [
    'Hola:',
    `Alguien inició un chat con Soporte Interfactura con este correo (${input.email}) y abrimos el ticket ${input.ticketNumber}.`,
    'Si fuiste tú, confirma que el correo es tuyo para unir este chat a tu historial con nosotros:',
  ];
  const after = [
    `El enlace sirve una sola vez y vence el ${formatDisplayTime(input.expiresAt)}.`,
    'Si no fuiste tú, ignora este mensaje: no uniremos ese chat a tu historial ni cambiaremos tus datos.',
  ];
  const text = [...paragraphs, VERIFICATION_LINK_PLACEHOLDER, ...after, SUPPORT_SIGNATURE_ES.join('\n')].join('\n\n');
  const html = [
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${VERIFICATION_LINK_PLACEHOLDER}">Confirmar mi correo</a><br>${VERIFICATION_LINK_PLACEHOLDER}</p>`,
    ...after.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p>${SUPPORT_SIGNATURE_ES.map(escapeHtml).join('<br>')}</p>`,
  ].join('\n');
  return { subject: `[${input.ticketNumber}] Confirma tu correo para el chat de Soporte`, text, html };
}

/** The mail as sent: the placeholder replaced by the real link, in both parts. */
export function withVerificationLink(content: { text: string; html: string }, link: string): { text: string; html: string } {
  return {
    text: content.text.replaceAll(VERIFICATION_LINK_PLACEHOLDER, link),
    html: content.html.replaceAll(VERIFICATION_LINK_PLACEHOLDER, escapeHtml(link)),
  };
}
