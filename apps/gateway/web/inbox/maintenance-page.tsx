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

/** A datetime-local value read as Mexico City time (UTC-6 all year since 2022), whatever the browser's zone. */
const mexicoCityIso = (local: string): string => new Date(`${local}:00-06:00`).toISOString();

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
        startsAt: mexicoCityIso(form.startsAt),
        endsAt: mexicoCityIso(form.endsAt),
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
      <h2>Mantenimientos programados (hora del centro de México)</h2>
      <ul>
        {windows.map((window) => (
          <li key={window.id}>
            {formatTime(window.startsAt)} – {formatTime(window.endsAt)}: {window.description}
            {window.cancelledAt ? ' (cancelado)' : window.reminderSentAt ? ' (recordatorio enviado)' : ''}
            {me.role === 'admin' && !window.cancelledAt && (
              <button
                type="button"
                class="link"
                onClick={() => {
                  // Cancelling mails every customer who was told: ask first.
                  if (!confirm('¿Cancelar este mantenimiento y avisar a los clientes?')) return;
                  void api('DELETE', `/api/maintenance/${window.id}`)
                    .then(() => setMessage('Mantenimiento cancelado; se avisó a los clientes.'))
                    .then(load);
                }}
              >
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
            Inicio (hora del centro de México) <input type="datetime-local" required value={form.startsAt} onInput={(event) => setForm({ ...form, startsAt: event.currentTarget.value })} />
          </label>
          <label>
            Fin (hora del centro de México) <input type="datetime-local" required value={form.endsAt} onInput={(event) => setForm({ ...form, endsAt: event.currentTarget.value })} />
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
