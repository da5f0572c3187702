import { useCallback, useEffect, useState } from 'preact/hooks';
import type { IncidentDetail, IncidentSummary } from '@shared/tickets/incidents/incident-shapes.js';
import { api, errorText } from './api.js';
import { SeverityOptions } from './confirm-inline.js';
import { formatTime } from './format.js';
import { IncidentDetailView, IncidentStatusBadge, ticketNumbersIn } from './incident-detail.js';
import { SEVERITY_LABEL } from './labels.js';
import type { Me } from './types.js';
import { ErrorLine } from './error-line.js';

/** Resolved incidents shown under the open ones: the latest few are what agents look back at. */
const RECENT_RESOLVED = 10;

/** Outage mode: incidents open and recent, one in detail, and one opened by hand. */
export function IncidentsPage({
  me,
  selected,
  onSelect,
  onOpenTicket,
  onChanged,
  onDismissed,
}: {
  me: Me;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onOpenTicket: (number: string) => void;
  onChanged: () => void;
  onDismissed: () => void;
}) {
  if (selected) {
    return <IncidentDetailView key={selected} id={selected} me={me} onBack={() => onSelect(null)} onOpenTicket={onOpenTicket} onChanged={onChanged} onDismissed={onDismissed} />;
  }
  return <IncidentsList me={me} onSelect={onSelect} onChanged={onChanged} />;
}

function IncidentsList({ me, onSelect, onChanged }: { me: Me; onSelect: (id: string) => void; onChanged: () => void }) {
  const [items, setItems] = useState<IncidentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: IncidentSummary[] }>('GET', '/api/incidents')).items);
      setError(null);
    } catch (failure) {
      setError(errorText(failure, 'No se pudo cargar la lista de incidentes; revisa la conexión.'));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const unresolved = (items ?? []).filter((incident) => incident.status !== 'resolved');
  const resolved = (items ?? []).filter((incident) => incident.status === 'resolved').slice(0, RECENT_RESOLVED);

  return (
    <main class="incidents page" id="main-content" tabIndex={-1}>
      <h2>Incidentes</h2>
      <p class="hint">
        Cuando varios clientes reportan la misma falla, Ventanilla vincula sus tickets en un incidente sospechado. Confírmalo para hablar por todos: cada
        actualización llega a cada cliente por su propio canal y cuenta como la actualización de estatus de su ticket.
      </p>
      <ErrorLine message={error} />
      <section aria-labelledby="incidents-open-title">
        <h3 id="incidents-open-title">En curso</h3>
        {items === null ? (
          <p class="loading">Cargando…</p>
        ) : unresolved.length === 0 ? (
          <p class="empty-state">No hay incidentes en curso.</p>
        ) : (
          <IncidentCards incidents={unresolved} onSelect={onSelect} />
        )}
      </section>
      {resolved.length > 0 && (
        <section aria-labelledby="incidents-resolved-title">
          <h3 id="incidents-resolved-title">Resueltos recientemente</h3>
          <IncidentCards incidents={resolved} onSelect={onSelect} />
        </section>
      )}
      <DismissedIncidents onSelect={onSelect} />
      {me.tier !== 'L3' || me.role === 'admin' ? (
        <OpenIncidentForm
          onOpened={(incident) => {
            onChanged();
            onSelect(incident.id);
          }}
        />
      ) : (
        <p class="hint">Los incidentes los atienden L1 (Help Desk) y L2 (Operaciones); L3 los sigue.</p>
      )}
    </main>
  );
}

function IncidentCards({ incidents, onSelect }: { incidents: IncidentSummary[]; onSelect: (id: string) => void }) {
  return (
    <ul class="incident-cards">
      {incidents.map((incident) => (
        <li key={incident.id}>
          <button type="button" class={`incident-card sev-${incident.severity}`} onClick={() => onSelect(incident.id)}>
            <span class="row-top">
              <IncidentStatusBadge incident={incident} />
              <span class={`badge sev sev-${incident.severity}`}>{SEVERITY_LABEL[incident.severity]}</span>
              <span class="badge">{incident.ticketCount === 1 ? '1 ticket' : `${incident.ticketCount} tickets`}</span>
            </span>
            <span class="subject">{incident.title}</span>
            <span class="row-meta">
              <span>Inicio: {formatTime(incident.openedAt)}</span>
              <span>Última actualización: {incident.lastUpdateAt ? formatTime(incident.lastUpdateAt) : 'ninguna'}</span>
              {incident.resolvedAt && <span>Resuelto: {formatTime(incident.resolvedAt)}</span>}
              {incident.dismissedAt && (
                <span>
                  Descartado: {formatTime(incident.dismissedAt)}
                  {incident.dismissReason ? ` (${incident.dismissReason})` : ''}
                </span>
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Suspected incidents agents dismissed as false alarms: out of the way, shown when asked for, to review a dismissal. */
function DismissedIncidents({ onSelect }: { onSelect: (id: string) => void }) {
  const [items, setItems] = useState<IncidentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    try {
      setItems((await api<{ items: IncidentSummary[] }>('GET', '/api/incidents?dismissed=true')).items);
      setError(null);
    } catch (failure) {
      setError(errorText(failure, 'No se pudieron cargar los incidentes descartados; revisa la conexión.'));
    }
  };
  return (
    <section aria-labelledby="incidents-dismissed-title">
      <h3 id="incidents-dismissed-title">Descartados</h3>
      {items === null ? (
        <button type="button" class="link" onClick={() => void show()}>
          Ver los incidentes descartados
        </button>
      ) : items.length === 0 ? (
        <p class="empty-state">No se ha descartado ningún incidente.</p>
      ) : (
        <IncidentCards incidents={items} onSelect={onSelect} />
      )}
      <ErrorLine message={error} />
    </section>
  );
}

/** An agent who already knows of a failure opens its incident (confirmed at once) and may link tickets. */
function OpenIncidentForm({ onOpened }: { onOpened: (incident: IncidentDetail) => void }) {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState('1');
  const [tickets, setTickets] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      onOpened(await api<IncidentDetail>('POST', '/api/incidents', { title, severity: Number(severity), tickets: ticketNumbersIn(tickets) }));
    } catch (failure) {
      setError(errorText(failure, 'No se pudo abrir el incidente; revisa la conexión.'));
    }
    setBusy(false);
  };

  return (
    <form class="panel-form open-incident" onSubmit={(event) => void submit(event)}>
      <h3>Abrir un incidente</h3>
      <label>
        Título público (lo leen los clientes)
        <input required maxLength={200} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <label>
        Severidad
        <select value={severity} onChange={(event) => setSeverity(event.currentTarget.value)}>
          <SeverityOptions />
        </select>
      </label>
      <label>
        Tickets a vincular (opcional, separados por comas)
        <input value={tickets} placeholder="IF-000123, 124" onInput={(event) => setTickets(event.currentTarget.value)} />
      </label>
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          Abrir incidente
        </button>
      </div>
      <ErrorLine message={error} />
    </form>
  );
}
