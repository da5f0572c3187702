import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { formatTime } from './format.js';
import type { Me } from './types.js';

interface MaintenanceWindow {
  id: string;
  startsAt: string;
  endsAt: string;
  description: string;
  cancelledAt: string | null;
  reminderSentAt: string | null;
}

/** Planned maintenance: at most 24 h, announced 7 days ahead; customers are told by email. */
export function MaintenancePage({ me }: { me: Me }) {
  const [windows, setWindows] = useState<MaintenanceWindow[]>([]);
  const [form, setForm] = useState({ startsAt: '', endsAt: '', description: '' });
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => setWindows((await api<{ items: MaintenanceWindow[] }>('GET', '/api/maintenance')).items), []);
  useEffect(() => {
    void load();
  }, [load]);

  const schedule = async (event: Event) => {
    event.preventDefault();
    try {
      const result = await api<{ warnings: string[]; noticesQueued: number }>('POST', '/api/maintenance', {
        startsAt: new Date(form.startsAt).toISOString(),
        endsAt: new Date(form.endsAt).toISOString(),
        description: form.description,
      });
      setMessage(`Programado; se avisó a ${result.noticesQueued} cliente(s).${result.warnings.length ? ` Aviso: ${result.warnings.join('; ')}` : ''}`);
      await load();
    } catch (failure) {
      setMessage(failure instanceof ApiError ? `No se pudo programar: ${failure.message}` : 'No se pudo programar.');
    }
  };

  return (
    <main class="maintenance">
      <h2>Mantenimientos programados</h2>
      <ul>
        {windows.map((window) => (
          <li key={window.id}>
            {formatTime(window.startsAt)} – {formatTime(window.endsAt)}: {window.description}
            {window.cancelledAt ? ' (cancelado)' : window.reminderSentAt ? ' (recordatorio enviado)' : ''}
            {me.role === 'admin' && !window.cancelledAt && (
              <button type="button" class="link" onClick={() => void api('DELETE', `/api/maintenance/${window.id}`).then(load)}>
                {' '}
                Cancelar
              </button>
            )}
          </li>
        ))}
      </ul>
      {me.role === 'admin' && (
        <form class="new-window" onSubmit={(event) => void schedule(event)}>
          <h3>Programar (máximo 24 h, con al menos 7 días de aviso)</h3>
          <label>
            Inicio <input type="datetime-local" required value={form.startsAt} onInput={(event) => setForm({ ...form, startsAt: event.currentTarget.value })} />
          </label>
          <label>
            Fin <input type="datetime-local" required value={form.endsAt} onInput={(event) => setForm({ ...form, endsAt: event.currentTarget.value })} />
          </label>
          <label>
            Qué se hará (lo leen los clientes)
            <textarea required value={form.description} onInput={(event) => setForm({ ...form, description: event.currentTarget.value })} />
          </label>
          <button type="submit">Programar y avisar</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </main>
  );
}
