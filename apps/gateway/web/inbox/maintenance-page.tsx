import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import { ConfirmInline } from './confirm-inline.js';
import { knownMessageText } from './errors-es.js';
import { formatTime } from './format.js';
import type { MaintenanceList, MaintenanceWindow, Me, ScheduledMaintenance } from './types.js';

/** A datetime-local value read as Mexico City time (UTC-6 all year since 2022), whatever the browser's zone. */
const mexicoCityIso = (local: string): string => new Date(`${local}:00-06:00`).toISOString();

const EMPTY_FORM = { startsAt: '', endsAt: '', description: '' };

/**
 * Who was told, in words: notices go to recent customers by mail to a confirmed address, else by SMS
 * to their number (a chat's unconfirmed address gets none), so "0" needs its reason.
 */
function scheduledText(noticesQueued: number): string {
  const told =
    noticesQueued === 0
      ? 'Nadie recibió aviso: ningún cliente reciente tiene un correo confirmado ni un teléfono.'
      : `Enviamos el aviso a ${noticesQueued === 1 ? '1 cliente reciente' : `${noticesQueued} clientes recientes`}, por correo o, a quien solo conocemos por teléfono, por SMS.`;
  return `Mantenimiento programado. ${told} El chat y el menú telefónico lo anuncian mientras dura.`;
}

/** "ya hay un mantenimiento…" → "Ya hay un mantenimiento….": each warning its own sentence. */
const asSentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** Planned maintenance: at most 24 h, announced 7 days ahead; customers are told by email. */
export function MaintenancePage({ me }: { me: Me }) {
  const [windows, setWindows] = useState<MaintenanceWindow[]>([]);
  const [form, setForm] = useState(EMPTY_FORM);
  const [message, setMessage] = useState<{ error: boolean; text: string; warnings?: string[] } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setWindows((await api<MaintenanceList>('GET', '/api/maintenance')).items);
    } catch (failure) {
      setMessage({ error: true, text: errorText(failure, 'No se pudo cargar la lista de mantenimientos.') });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const schedule = async (event: Event) => {
    event.preventDefault();
    try {
      const result = await api<ScheduledMaintenance>('POST', '/api/maintenance', {
        startsAt: mexicoCityIso(form.startsAt),
        endsAt: mexicoCityIso(form.endsAt),
        description: form.description,
      });
      const warnings = result.warnings.map((warning) => asSentence(knownMessageText(warning) ?? 'revisa la lista de mantenimientos'));
      setMessage({ error: false, text: scheduledText(result.noticesQueued), warnings });
      setForm(EMPTY_FORM);
      await load();
    } catch (failure) {
      setMessage({ error: true, text: `No se pudo programar: ${errorText(failure, 'revisa la conexión.')}` });
    }
  };

  const cancel = async (window: MaintenanceWindow) => {
    try {
      await api('DELETE', `/api/maintenance/${window.id}`);
      setMessage({ error: false, text: 'Mantenimiento cancelado. A quienes recibieron el aviso les enviamos la cancelación.' });
    } catch (failure) {
      setMessage({ error: true, text: errorText(failure, 'No se pudo cancelar.') });
    }
    setConfirming(null);
    await load();
  };

  return (
    <main class="maintenance page" id="main-content" tabIndex={-1}>
      <h2>Mantenimientos programados (hora del centro de México)</h2>
      {windows.length === 0 ? (
        <div class="empty-state">
          <p>
            <strong>No hay mantenimientos programados.</strong>
          </p>
          <p>
            Un mantenimiento dura como máximo 24 horas y se anuncia con al menos 7 días de anticipación: los clientes reciben un aviso por correo (por SMS quien solo nos dejó su teléfono), y el chat y el
            menú telefónico lo anuncian. Sus horas no cuentan contra la meta de disponibilidad ni contra los plazos de SLA.
          </p>
          {me.role !== 'admin' && <p>Solo un administrador los programa.</p>}
        </div>
      ) : (
        <ul class="windows">
          {windows.map((window) => (
            <li key={window.id}>
              <span class="window-when">
                {formatTime(window.startsAt)} – {formatTime(window.endsAt)}
              </span>
              <span class="window-description">{window.description}</span>
              {window.cancelledAt ? <span class="badge">cancelado</span> : window.reminderSentAt ? <span class="badge">recordatorio enviado</span> : null}
              {me.role === 'admin' && !window.cancelledAt && (
                // Cancelling mails every customer who was told: ask first.
                confirming === window.id ? (
                  <ConfirmInline question="¿Cancelar este mantenimiento y avisar a los clientes?" yes="Sí, cancelar" onYes={() => void cancel(window)} onNo={() => setConfirming(null)} />
                ) : (
                  <button type="button" class="window-cancel" onClick={() => setConfirming(window.id)}>
                    Cancelar mantenimiento
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {me.role === 'admin' && (
        <form class="new-window panel-form" onSubmit={(event) => void schedule(event)}>
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
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {message?.warnings && message.warnings.length > 0 && (
        <div class="warning" role="alert">
          <strong>Revisa:</strong>
          {message.warnings.map((warning) => (
            <span key={warning}>{warning}</span>
          ))}
        </div>
      )}
    </main>
  );
}
