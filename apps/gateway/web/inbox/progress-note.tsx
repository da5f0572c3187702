import { useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import type { TicketDetail } from './types.js';
import { staleProgressWarning } from './update-due.js';

/** The progress the customer reads in the next status update (not sent on its own). */
export function ProgressNote({ ticket, onSaved }: { ticket: TicketDetail; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(ticket.progressNote ?? '');
  const [error, setError] = useState<string | null>(null);
  if (ticket.status === 'resolved' || ticket.status === 'merged') return null;

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      await api('POST', `/api/tickets/${ticket.number}/progress`, { note });
      setEditing(false);
      onSaved();
    } catch (failure) {
      setError(errorText(failure, 'No se pudo guardar.'));
    }
  };

  if (!editing) {
    const warning = staleProgressWarning(ticket, Date.now());
    return (
      <>
        <p class="progress-note">
          Avance para las actualizaciones: {ticket.progressNote ?? '(sin avance escrito)'}{' '}
          <button type="button" class="link" onClick={() => setEditing(true)}>
            Editar
          </button>
        </p>
        {warning && (
          <p class="update-warning" role="status">
            {warning}
          </p>
        )}
      </>
    );
  }
  return (
    <form class="progress-note" onSubmit={(event) => void save(event)}>
      <label>
        Avance que leerá el cliente en la próxima actualización
        <textarea rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      {error && <p class="error">{error}</p>}
      <button type="submit">Guardar avance</button>
    </form>
  );
}
