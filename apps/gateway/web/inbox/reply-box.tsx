import { useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { CHANNEL_LABEL } from './labels.js';
import type { LiveUpdates } from './live-updates.js';
import type { TicketDetail } from './types.js';

/** Where a public reply goes, in words the agent can check before sending. */
function destination(ticket: TicketDetail): string {
  switch (ticket.channel) {
    case 'email':
      return `por correo a ${ticket.contact.email ?? 'el cliente'}`;
    case 'chat':
      return `por el chat del portal${ticket.contact.email ? ` (y por correo a ${ticket.contact.email} si ya no está conectado)` : ''}`;
    case 'phone':
      return `por SMS al ${ticket.contact.phone ?? 'número del cliente'}${ticket.contact.email ? ` y por correo a ${ticket.contact.email}` : ''}`;
  }
}

/**
 * Reply to the customer through their channel, or write an internal note. The reply carries the
 * version the agent read; if someone wrote meanwhile the API answers 409 and the agent decides.
 */
export function ReplyBox({ ticket, live, onSent }: { ticket: TicketDetail; live: LiveUpdates; onSent: () => void }) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);

  const send = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/tickets/${ticket.number}/replies`, { body, internal, baseVersion: ticket.version, force });
      setBody('');
      setChanged(false);
      onSent();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409 && failure.details.reason === 'timeline_changed') setChanged(true);
      else setError(failure instanceof ApiError ? failure.message : 'No se pudo enviar.');
    } finally {
      setBusy(false);
    }
  };

  const closed = ticket.status === 'merged';
  return (
    <form
      class={`reply ${internal ? 'internal' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        void send(false);
      }}
    >
      <fieldset class="reply-mode">
        <legend>Escribir</legend>
        <label>
          <input type="radio" name="mode" checked={!internal} onChange={() => setInternal(false)} /> Respuesta al cliente ({CHANNEL_LABEL[ticket.channel]})
        </label>
        <label>
          <input type="radio" name="mode" checked={internal} onChange={() => setInternal(true)} /> Nota interna
        </label>
      </fieldset>
      <p class="reply-destination">{internal ? 'Solo la verán los agentes.' : `Se enviará ${destination(ticket)}.`}</p>
      <label class="reply-body">
        {internal ? 'Nota' : 'Respuesta'}
        <textarea
          name="body"
          rows={5}
          required
          disabled={closed}
          value={body}
          onInput={(event) => {
            setBody(event.currentTarget.value);
            live.typing(!internal && ticket.channel === 'chat');
          }}
        />
      </label>
      {changed && (
        <div class="warning" role="alert">
          El ticket cambió mientras escribías (llegó un mensaje o respondió otro agente). Revisa el historial antes de enviar.
          <button type="button" onClick={() => void send(true)} disabled={busy}>
            Enviar de todos modos
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || closed || !body.trim()}>
        {internal ? 'Guardar nota' : 'Enviar respuesta'}
      </button>
    </form>
  );
}
