import { useCallback, useEffect, useState } from 'preact/hooks';
import type { IncidentDetail, IncidentSummary, IncidentUpdateView, LinkedTicket } from '@shared/tickets/incidents/incident-shapes.js';
import { api, errorText } from './api.js';
import { SeverityOptions } from './confirm-inline.js';
import { formatTime } from './format.js';
import { IncidentCompose } from './incident-compose.js';
import { DismissedNote, DismissIncident } from './incident-dismiss.js';
import { knownMessageText } from './errors-es.js';
import { CHANNEL_LABEL, INCIDENT_STATUS_LABEL, SEVERITY_LABEL, STATUS_LABEL } from './labels.js';
import type { Channel, Me, Status } from './types.js';

/** While deliveries are pending, the timeline looks again this often (the outbox sends them in the background). */
const PENDING_REFRESH_MS = 3_000;

/** Why a customer was not reached, in words (the codes come from the outbox). */
const NOT_REACHED: Record<string, string> = {
  no_address: 'no hay a dónde enviarlo',
  address_undeliverable: 'su dirección de correo rebotó',
  failed: 'el envío falló',
  held: 'el envío quedó retenido',
};

type Feedback = { error: boolean; text: string } | null;

/** "IF-4, 5 IF-000006" → ["IF-4", "5", "IF-000006"]: the API reads short numbers too. */
export const ticketNumbersIn = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/**
 * One incident: what customers read (title), its tickets and why each is there, and everything said
 * to them. `onDismissed`: where the agent goes once they dismiss it (the ticket list).
 */
export function IncidentDetailView({
  id,
  me,
  onBack,
  onOpenTicket,
  onChanged,
  onDismissed,
}: {
  id: string;
  me: Me;
  onBack: () => void;
  onOpenTicket: (number: string) => void;
  onChanged: () => void;
  onDismissed: () => void;
}) {
  const [incident, setIncident] = useState<IncidentDetail | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const canAct = me.role === 'admin' || me.tier !== 'L3';

  const load = useCallback(async () => {
    try {
      setIncident(await api<IncidentDetail>('GET', `/api/incidents/${id}`));
    } catch (failure) {
      setFeedback({ error: true, text: errorText(failure, 'No se pudo cargar el incidente; revisa la conexión.') });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const pending = incident?.updates.some((update) => update.pending > 0) ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), PENDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, load]);

  /** Runs a change, shows the incident as the API returns it, and says what happened. */
  const change = async (request: () => Promise<IncidentDetail>, done: string, fallback: string): Promise<boolean> => {
    try {
      setIncident(await request());
      setFeedback({ error: false, text: done });
      onChanged();
      return true;
    } catch (failure) {
      setFeedback({ error: true, text: errorText(failure, fallback) });
      return false;
    }
  };

  if (!incident) {
    return (
      <main class="incident page" id="main-content" tabIndex={-1}>
        <button type="button" class="link" onClick={onBack}>
          ← Volver a incidentes
        </button>
        {feedback ? (
          <p class="error" role="alert">
            {feedback.text}
          </p>
        ) : (
          <p class="loading">Cargando…</p>
        )}
      </main>
    );
  }

  // A dismissed incident is history: shown as it was, changed no more.
  const live = !incident.dismissedAt;
  return (
    <main class="incident page" id="main-content" tabIndex={-1}>
      <button type="button" class="link" onClick={onBack}>
        ← Volver a incidentes
      </button>
      <header class="incident-header">
        <h2 id="incident-title">{incident.title}</h2>
        <p class="badges">
          <IncidentStatusBadge incident={incident} />
          <span class={`badge sev sev-${incident.severity}`}>{SEVERITY_LABEL[incident.severity]}</span>
          <span class="badge">{incident.ticketCount === 1 ? '1 ticket vinculado' : `${incident.ticketCount} tickets vinculados`}</span>
        </p>
        <dl class="clocks">
          <dt>Inicio</dt>
          <dd>{formatTime(incident.openedAt)}</dd>
          {incident.confirmedAt && (
            <>
              <dt>Confirmado</dt>
              <dd>{formatTime(incident.confirmedAt)}</dd>
            </>
          )}
          {incident.nextUpdateDueAt && (
            <>
              <dt>Próxima actualización</dt>
              <dd>antes de {formatTime(incident.nextUpdateDueAt)}</dd>
            </>
          )}
          {incident.resolvedAt && (
            <>
              <dt>Resuelto</dt>
              <dd>{formatTime(incident.resolvedAt)}</dd>
            </>
          )}
        </dl>
        {incident.detectionReason && <p class="hint">Detectado por Ventanilla: {incident.detectionReason}</p>}
        <DismissedNote incident={incident} />
      </header>

      {feedback && (
        <p class={feedback.error ? 'error' : 'status'} role={feedback.error ? 'alert' : 'status'}>
          {feedback.text}
        </p>
      )}

      {canAct && live && incident.status === 'suspected' && (
        <div class="incident-confirm">
          <p>
            Ventanilla agrupó estos reportes porque se parecen. Revisa los tickets y confírmalo: sus tickets toman la severidad y el plazo de actualización del incidente. Si no
            son una misma falla, descártalo.
          </p>
          <div class="form-buttons">
            <button
              type="button"
              class="primary"
              onClick={() => void change(() => api<IncidentDetail>('POST', `/api/incidents/${incident.id}/confirm`), 'Incidente confirmado.', 'No se pudo confirmar el incidente.')}
            >
              Confirmar incidente
            </button>
            <DismissIncident
              onDismiss={async (reason) => {
                const done = await change(() => api<IncidentDetail>('POST', `/api/incidents/${incident.id}/dismiss`, reason ? { reason } : {}), 'Incidente descartado.', 'No se pudo descartar el incidente.');
                if (done) onDismissed();
                return done;
              }}
            />
          </div>
        </div>
      )}

      {canAct && live && incident.status !== 'resolved' && (
        <EditIncident
          incident={incident}
          onSave={(patch) => change(() => api<IncidentDetail>('PATCH', `/api/incidents/${incident.id}`, patch), 'Cambios guardados.', 'No se pudieron guardar los cambios.')}
        />
      )}

      {me.role === 'admin' && live && incident.status !== 'suspected' && (
        <DowntimeChoice
          incident={incident}
          onChange={(countsAsDowntime) =>
            change(
              () => api<IncidentDetail>('PATCH', `/api/incidents/${incident.id}`, { countsAsDowntime }),
              countsAsDowntime ? 'El incidente cuenta como tiempo fuera de servicio en el reporte de disponibilidad.' : 'El incidente ya no cuenta como tiempo fuera de servicio.',
              'No se pudo cambiar si cuenta como tiempo fuera de servicio.',
            )
          }
        />
      )}

      <LinkedTickets
        incident={incident}
        canAct={canAct && live && incident.status !== 'resolved'}
        onOpenTicket={onOpenTicket}
        onChange={(links, done) => change(() => api<IncidentDetail>('POST', `/api/incidents/${incident.id}/tickets`, links), done, 'No se pudieron cambiar los tickets vinculados.')}
      />

      {canAct && incident.status === 'open' && (
        <IncidentCompose
          incident={incident}
          onSent={(what) => {
            setFeedback({ error: false, text: what });
            void load().then(onChanged);
          }}
        />
      )}
      {canAct && live && incident.status === 'suspected' && <p class="hint">Confirma el incidente para escribir a los clientes.</p>}

      <UpdatesTimeline updates={incident.updates} />
    </main>
  );
}

/**
 * Whether the outage counts against the 99.3 % availability goal: the worker's own samples see only
 * Ventanilla's parts, not the portal or the stamping provider customers report on. An administrator's call.
 */
function DowntimeChoice({ incident, onChange }: { incident: IncidentDetail; onChange: (countsAsDowntime: boolean) => Promise<boolean> }) {
  // Shown as chosen at once; put back if the server refuses.
  const [checked, setChecked] = useState(incident.countsAsDowntime);
  const [busy, setBusy] = useState(false);
  useEffect(() => setChecked(incident.countsAsDowntime), [incident.countsAsDowntime]);
  return (
    <label class="downtime-choice">
      <input
        type="checkbox"
        checked={checked}
        disabled={busy}
        onChange={(event) => {
          const wanted = event.currentTarget.checked;
          setChecked(wanted);
          setBusy(true);
          void onChange(wanted)
            .then((done) => {
              if (!done) setChecked(!wanted);
            })
            .finally(() => setBusy(false));
        }}
      />{' '}
      Cuenta como tiempo fuera de servicio (de su inicio a su resolución) en el reporte de disponibilidad
    </label>
  );
}

/** Its state in words; a dismissed one says so rather than "Posible incidente". */
export function IncidentStatusBadge({ incident }: { incident: IncidentSummary }) {
  return incident.dismissedAt ? (
    <span class="badge incident-dismissed">Descartado</span>
  ) : (
    <span class={`badge incident-${incident.status}`}>{INCIDENT_STATUS_LABEL[incident.status]}</span>
  );
}

function EditIncident({ incident, onSave }: { incident: IncidentDetail; onSave: (patch: { title?: string; severity?: number }) => Promise<boolean> }) {
  const [title, setTitle] = useState(incident.title);
  const [severity, setSeverity] = useState(String(incident.severity));
  useEffect(() => {
    setTitle(incident.title);
    setSeverity(String(incident.severity));
  }, [incident.title, incident.severity]);
  const changed = title.trim() !== incident.title || Number(severity) !== incident.severity;

  const save = (event: Event) => {
    event.preventDefault();
    void onSave({ ...(title.trim() !== incident.title ? { title } : {}), ...(Number(severity) !== incident.severity ? { severity: Number(severity) } : {}) });
  };
  return (
    <form class="incident-edit panel-form" onSubmit={save}>
      <label>
        Título público (lo leen los clientes en cada actualización, el chat y el menú telefónico)
        <input required maxLength={200} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <label>
        Severidad del incidente (la toman sus tickets abiertos)
        <select value={severity} onChange={(event) => setSeverity(event.currentTarget.value)}>
          <SeverityOptions />
        </select>
      </label>
      <div class="form-buttons">
        <button type="submit" disabled={!changed || !title.trim()}>
          Guardar cambios
        </button>
      </div>
    </form>
  );
}

function LinkedTickets({
  incident,
  canAct,
  onOpenTicket,
  onChange,
}: {
  incident: IncidentDetail;
  canAct: boolean;
  onOpenTicket: (number: string) => void;
  onChange: (links: { add?: string[]; remove?: string[] }, done: string) => Promise<boolean>;
}) {
  const [numbers, setNumbers] = useState('');
  const link = async (event: Event) => {
    event.preventDefault();
    const add = ticketNumbersIn(numbers);
    if (add.length === 0) return;
    if (await onChange({ add }, add.length === 1 ? `Ticket ${add[0]} vinculado.` : `${add.length} tickets vinculados.`)) setNumbers('');
  };
  const hidden = incident.ticketCount - incident.linked.length;

  return (
    <section class="incident-tickets" aria-labelledby="incident-tickets-title">
      <h3 id="incident-tickets-title">Tickets vinculados ({incident.linked.length})</h3>
      {hidden > 0 && <p class="hint">{hidden === 1 ? 'Otro ticket está' : `Otros ${hidden} tickets están`} en un nivel que no ves.</p>}
      {incident.linked.length === 0 ? (
        <p class="empty-state">Ningún ticket vinculado.</p>
      ) : (
        <ul class="linked-tickets">
          {incident.linked.map((ticket) => (
            <LinkedTicketRow key={ticket.number} ticket={ticket} canAct={canAct} onOpenTicket={onOpenTicket} onUnlink={() => void onChange({ remove: [ticket.number] }, `Ticket ${ticket.number} desvinculado.`)} />
          ))}
        </ul>
      )}
      {canAct && (
        <form class="link-ticket" onSubmit={(event) => void link(event)}>
          <label>
            Vincular tickets (número completo o corto; varios separados por comas)
            <input value={numbers} placeholder="IF-000123, 124" onInput={(event) => setNumbers(event.currentTarget.value)} />
          </label>
          <button type="submit" disabled={!numbers.trim()}>
            Vincular
          </button>
        </form>
      )}
    </section>
  );
}

function LinkedTicketRow({ ticket, canAct, onOpenTicket, onUnlink }: { ticket: LinkedTicket; canAct: boolean; onOpenTicket: (number: string) => void; onUnlink: () => void }) {
  return (
    <li class="linked-ticket" data-number={ticket.number}>
      <div class="row-top">
        <button type="button" class="link ticket-number" onClick={() => onOpenTicket(ticket.number)} aria-label={`Abrir el ticket ${ticket.number}`}>
          {ticket.number}
        </button>
        <span class="badge">{CHANNEL_LABEL[ticket.channel as Channel]}</span>
        <span class={`badge status-${ticket.status}`}>{STATUS_LABEL[ticket.status as Status] ?? ticket.status}</span>
        <span class="customer">{ticket.customer ?? 'Cliente'}</span>
      </div>
      <div class="subject">{ticket.subject || '(sin asunto)'}</div>
      <div class="link-reason">
        {ticket.linkedBy ? `Vinculado por ${ticket.linkedBy}` : 'Vinculado por Ventanilla'} el {formatTime(ticket.linkedAt)}: {ticket.reason}
      </div>
      {canAct && (
        <button type="button" class="unlink" onClick={onUnlink} aria-label={`Desvincular ${ticket.number}`}>
          Desvincular
        </button>
      )}
    </li>
  );
}

function UpdatesTimeline({ updates }: { updates: IncidentUpdateView[] }) {
  return (
    <section class="incident-timeline" aria-labelledby="incident-timeline-title">
      <h3 id="incident-timeline-title">Actualizaciones enviadas</h3>
      {updates.length === 0 ? (
        <p class="hint">Aún no se ha enviado ninguna actualización a los clientes.</p>
      ) : (
        <ol class="timeline">
          {[...updates].reverse().map((update) => (
            <li key={update.id} class="message outbound incident-update">
              <header>
                <strong>{update.kind === 'resolution' ? 'Resolución' : 'Actualización'}</strong>
                <span class="meta">
                  {update.authorName} · {formatTime(update.createdAt)}
                </span>
              </header>
              <p class="message-text">{update.body}</p>
              <p class={`delivery${update.failed > 0 ? ' delivery-failed' : ''}`}>
                {update.recipients === 1 ? 'Enviada a 1 cliente' : `Enviada a ${update.recipients} clientes`}: {update.sent} entregados
                {update.pending > 0 ? `, ${update.pending} en camino` : ''}
                {update.failed > 0 ? `, ${update.failed} sin entregar` : ''}.
              </p>
              {update.notReached.length > 0 && (
                <ul class="not-reached">
                  {update.notReached.map((miss) => (
                    <li key={`${miss.ticketNumber}-${miss.channel}`}>
                      No llegó a {miss.ticketNumber} ({CHANNEL_LABEL[miss.channel as Channel]}): {NOT_REACHED[miss.reason] ?? knownMessageText(miss.reason) ?? miss.reason}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
