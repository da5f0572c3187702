import { useState } from 'preact/hooks';
import { saveAlertPreferences, type AlertPreferences } from './alert-preferences.js';
import { allowNotifications, beep, notificationsSupported } from './alert-signals.js';
import type { Me } from './types.js';
import { ErrorLine } from './error-line.js';

/** The agent's choice of alerts for new tickets (kept in this browser, per agent). */
export function AlertSettings({ me, preferences, onChange }: { me: Me; preferences: AlertPreferences; onChange: (preferences: AlertPreferences) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const change = async (name: keyof AlertPreferences, value: boolean) => {
    setNote(null);
    if (name === 'desktop' && value && !(await allowNotifications())) {
      setNote(notificationsSupported() ? 'El navegador bloqueó las notificaciones: permítelas para este sitio en su configuración.' : 'Este navegador no muestra notificaciones.');
      return;
    }
    if (name === 'sound' && value) beep('soft');
    const next = { ...preferences, [name]: value };
    saveAlertPreferences(localStorage, me.id, next);
    onChange(next);
  };

  return (
    <div class="alert-settings">
      <button type="button" class="link" aria-expanded={open} aria-controls="alert-settings-panel" onClick={() => setOpen(!open)}>
        Avisos
      </button>
      {open && (
        <fieldset id="alert-settings-panel" class="popover">
          <legend>Avisos de tickets nuevos</legend>
          <label class="check">
            <input type="checkbox" checked={preferences.title} onChange={(event) => void change('title', event.currentTarget.checked)} /> Contador en el título de la pestaña
          </label>
          <label class="check">
            <input type="checkbox" checked={preferences.sound} onChange={(event) => void change('sound', event.currentTarget.checked)} /> Sonido
          </label>
          <label class="check">
            <input type="checkbox" checked={preferences.desktop} onChange={(event) => void change('desktop', event.currentTarget.checked)} /> Notificación de escritorio
          </label>
          <p class="hint">Severidad 0 y 1 siempre suenan y notifican. Se guarda en este navegador para tu cuenta.</p>
          <ErrorLine message={note} />
        </fieldset>
      )}
    </div>
  );
}
