import { useState } from 'preact/hooks';
import { download } from './api.js';
import { formatTime } from './format.js';
import { CHANNEL_LABEL, QUIET_EVENTS, describeEvent, omittedAttachmentLabel } from './labels.js';
import { MailHtmlFrame } from './mail-html-frame.js';
import type { Message, TicketDetail, TicketEvent } from './types.js';

const DELIVERY_LABEL: Record<string, string> = { pending: 'Pendiente de envío', sent: 'Enviado', failed: 'No se pudo enviar', held: 'Retenido (sin envío configurado)' };

function author(message: Message, customer: string): string {
  if (message.internal) return `Nota interna de ${message.authorName ?? 'un agente'}`;
  if (message.authorType === 'contact') return message.authorName ?? customer;
  if (message.authorType === 'agent') return `${message.authorName ?? 'Agente'} (agente)`;
  return message.automated && message.direction === 'inbound' ? 'Mensaje automático' : 'Sistema';
}

/** Where a message went, in words: a chat goes to the customer's chat (its id means nothing to an agent). */
const deliveryRecipient = (delivery: NonNullable<Message['delivery']>): string => (delivery.channel === 'chat' ? 'chat del cliente' : delivery.recipient);

/** Only mail has subjects; a chat or SMS reply's stored subject ("Re: [IF-…]") is not shown. */
const showsSubject = (message: Message): boolean =>
  message.channel === 'email' && Boolean(message.subject) && !message.text.startsWith((message.subject ?? '').replace(/…$/, ''));

// Ventanilla's own long messages (the confirmation) fold to their first lines, so the timeline stays short.
const FOLDED_LINES = 4;
const foldable = (message: Message): boolean => message.authorType === 'system' && message.direction === 'outbound' && message.text.split('\n').length > FOLDED_LINES + 2;

function MessageCard({ message, customer }: { message: Message; customer: string }) {
  const [showHtml, setShowHtml] = useState(false);
  const [unfolded, setUnfolded] = useState(false);
  const folded = foldable(message) && !unfolded;
  const text = folded ? `${message.text.split('\n').slice(0, FOLDED_LINES).join('\n')}…` : message.text;
  return (
    <article class={`message ${message.direction} ${message.internal ? 'internal' : ''} ${message.automated ? 'automated' : ''}`} data-message-id={message.id}>
      <header>
        <strong>{author(message, customer)}</strong>
        <span class="meta">
          {CHANNEL_LABEL[message.channel]} · {formatTime(message.createdAt)}
        </span>
      </header>
      {showsSubject(message) && <p class="message-subject">{message.subject}</p>}
      {showHtml && message.html ? <MailHtmlFrame html={message.html} title={`Formato original de ${message.subject ?? 'mensaje'}`} /> : <p class="message-text">{text}</p>}
      {foldable(message) && (
        <button type="button" class="link" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? 'Ver menos' : 'Ver mensaje completo'}
        </button>
      )}
      {message.html && message.direction === 'inbound' && (
        <button type="button" class="link" onClick={() => setShowHtml(!showHtml)}>
          {showHtml ? 'Ver como texto' : 'Ver formato original (sin contenido remoto)'}
        </button>
      )}
      {message.attachments.length > 0 && (
        <ul class="attachments" aria-label="Adjuntos">
          {message.attachments.map((attachment) => (
            <li key={attachment.id}>
              {attachment.url ? (
                <button type="button" class="link" onClick={() => void download(attachment.url!, attachment.filename)}>
                  {attachment.filename}
                </button>
              ) : (
                <span title={attachment.omittedReason ?? ''}>
                  {attachment.filename} ({omittedAttachmentLabel(attachment.omittedReason)})
                </span>
              )}{' '}
              <span class="meta">
                {attachment.contentType}, {Math.ceil(attachment.sizeBytes / 1024)} KB
              </span>
            </li>
          ))}
        </ul>
      )}
      {message.delivery && (
        <p class={`delivery delivery-${message.delivery.status}`}>
          {DELIVERY_LABEL[message.delivery.status] ?? message.delivery.status} · {deliveryRecipient(message.delivery)}
          {message.delivery.lastError && ` · último error: ${message.delivery.lastError}`}
        </p>
      )}
    </article>
  );
}

function EventLine({ event }: { event: TicketEvent }) {
  return (
    <p class={`event event-${event.type}`}>
      <span class="meta">{formatTime(event.createdAt)}</span> {describeEvent(event)}
    </p>
  );
}

/** Messages of every channel, notes and the events of the log, in time order. */
export function Timeline({ ticket }: { ticket: TicketDetail }) {
  const customer = ticket.contact.name ?? ticket.contact.email ?? ticket.contact.phone ?? 'Cliente';
  const entries = [
    ...ticket.messages.map((message) => ({ at: message.createdAt, key: `m-${message.id}`, node: <MessageCard message={message} customer={customer} /> })),
    ...ticket.events.filter((event) => !QUIET_EVENTS.has(event.type)).map((event) => ({ at: event.createdAt, key: `e-${event.id}`, node: <EventLine event={event} /> })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div class="timeline" aria-label="Historial del ticket">
      {entries.map((entry) => (
        <div key={entry.key}>{entry.node}</div>
      ))}
    </div>
  );
}
