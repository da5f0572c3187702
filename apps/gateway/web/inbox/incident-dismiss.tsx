import { useState } from 'preact/hooks';
import type { IncidentDetail } from '@shared/tickets/incidents/incident-shapes.js';
import { ConfirmInline } from './confirm-inline.js';
import { formatTime } from './format.js';

/** The reason's cap, as the API's (INCIDENT_DISMISS_REASON_MAX_CHARS). */
const REASON_MAX = 500;

/**
 * "Descartar" on a suspected incident that is not one: it asks first, in place, with an optional
 * reason, and then the incident leaves the strip and the list (its tickets stay as they are).
 */
export function DismissIncident({ onDismiss }: { onDismiss: (reason: string) => Promise<boolean> }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const dismiss = async () => {
    setBusy(true);
    if (!(await onDismiss(reason.trim()))) setBusy(false);
  };
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Descartar
      </button>
    );
  }
  return (
    <ConfirmInline
      question={
        <>
          ¿Descartar el incidente? Deja de mostrarse en la bandeja y Ventanilla no vuelve a agrupar estos tickets; a los clientes no se les avisa nada.{' '}
          <label class="dismiss-reason">
            Motivo (opcional)
            <input maxLength={REASON_MAX} value={reason} disabled={busy} placeholder="Son reportes de fallas distintas" onInput={(event) => setReason(event.currentTarget.value)} />
          </label>
        </>
      }
      yes="Sí, descartar"
      no="Cancelar"
      onYes={() => void (busy ? undefined : dismiss())}
      onNo={() => setAsking(false)}
    />
  );
}

/** Who dismissed the incident, when and why: a dismissed incident is history and changes no more. */
export function DismissedNote({ incident }: { incident: IncidentDetail }) {
  if (!incident.dismissedAt) return null;
  return (
    <p class="incident-dismissed">
      Descartado {incident.dismissedBy ? `por ${incident.dismissedBy} ` : ''}el {formatTime(incident.dismissedAt)}
      {incident.dismissReason ? `: ${incident.dismissReason}` : ''}. No era un incidente: ya no se muestra en la bandeja y Ventanilla no vuelve a agrupar sus tickets.
    </p>
  );
}
