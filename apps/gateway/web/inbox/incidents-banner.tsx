import { useCallback, useEffect, useState } from 'preact/hooks';
import type { IncidentSummary } from '@shared/tickets/incidents/incident-shapes.js';
import { api } from './api.js';
import { INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import type { LiveUpdates } from './live-updates.js';

/** Detection links tickets after intake and says nothing live: the strip also looks again every so often. */
const REFRESH_MS = 20_000;
/** New tickets arrive in bursts during an outage: one look per burst. */
const SETTLE_MS = 1_500;
const SHOWN = 3;

/** Suspected and confirmed incidents, newest first, kept fresh while the page is open. */
export function useUnresolvedIncidents(live: LiveUpdates | null): { incidents: IncidentSummary[]; reload: () => void } {
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const reload = useCallback(() => {
    api<{ items: IncidentSummary[] }>('GET', '/api/incidents').then(
      (result) => setIncidents(result.items.filter((incident) => incident.status !== 'resolved')),
      // A failed look keeps the last one: the strip is a reminder, the incidents page says what failed.
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!live) return;
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    let settle: ReturnType<typeof setTimeout> | undefined;
    const stop = live.onChange(() => {
      clearTimeout(settle);
      settle = setTimeout(reload, SETTLE_MS);
    });
    return () => {
      clearInterval(timer);
      clearTimeout(settle);
      stop();
    };
  }, [live, reload]);
  return { incidents, reload };
}

/** The strip at the top of the inbox: one failure many customers report is seen before their fifty tickets. */
export function IncidentsBanner({ incidents, onOpen }: { incidents: IncidentSummary[]; onOpen: (id: string) => void }) {
  if (incidents.length === 0) return null;
  return (
    <section class="incidents-banner" aria-labelledby="incidents-banner-title">
      <h2 id="incidents-banner-title" class="visually-hidden">
        Incidentes en curso
      </h2>
      <ul>
        {incidents.slice(0, SHOWN).map((incident) => (
          <li key={incident.id} class={`incident-strip ${incident.status}`}>
            <span class={`badge incident-${incident.status}`}>{incident.status === 'suspected' ? 'Posible incidente' : 'Incidente confirmado'}</span>
            <span class={`badge sev sev-${incident.severity}`}>{SEVERITY_LABEL[incident.severity]}</span>
            <strong class="incident-strip-title">{incident.title}</strong>
            <span class="incident-strip-count">
              {incident.ticketCount === 1 ? '1 ticket vinculado' : `${incident.ticketCount} tickets vinculados`}
              {incident.status === 'suspected' ? ' · por confirmar' : ''}
            </span>
            <button type="button" class="link" onClick={() => onOpen(incident.id)} aria-label={`Ver incidente: ${incident.title} (${INCIDENT_STATUS_LABEL[incident.status]})`}>
              Ver incidente
            </button>
          </li>
        ))}
      </ul>
      {incidents.length > SHOWN && (
        <p class="incident-strip-more">
          y {incidents.length - SHOWN} más en la sección Incidentes.
        </p>
      )}
    </section>
  );
}
