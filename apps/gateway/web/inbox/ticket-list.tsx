import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Fresh } from './app.js';
import { api, errorText } from './api.js';
import { BulkActions } from './bulk-actions.js';
import { timeLeft } from './format.js';
import { updateDueSoonLabel } from './update-due.js';
import { CHANNEL_LABEL, CLOCK_LABEL, REVIEW_LABEL, SEVERITY_LABEL, STATUS_LABEL, UNVERIFIED_HINT, UNVERIFIED_LABEL } from './labels.js';
import type { LiveUpdates } from './live-updates.js';
import { SavedViews } from './saved-views-bar.js';
import type { Me, TicketSummary } from './types.js';
import { activeFilterCount, DEFAULT_FILTERS, type Filters } from './url-state.js';

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: Array<[string, string]> }) {
  return (
    <label>
      {label}
      <select aria-label={label} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

interface ListProps {
  me: Me;
  live: LiveUpdates;
  selected: string | null;
  onSelect: (number: string) => void;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  fresh: Fresh;
}

/** One list of tickets from every channel, most urgent (or newest) first, updated live. */
export function TicketList({ me, live, selected, onSelect, filters, onFilters, fresh }: ListProps) {
  const [tickets, setTickets] = useState<TicketSummary[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [showFilters, setShowFilters] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());

  const latest = useRef(0);

  const load = useCallback(async () => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
    // Typing sends a request per key: only the answer to the newest one is shown.
    const request = ++latest.current;
    try {
      const result = await api<{ items: TicketSummary[]; total: number }>('GET', `/api/tickets?${query.toString()}&limit=100`);
      if (request !== latest.current) return;
      setTickets(result.items);
      setTotal(result.total);
      setError(null);
    } catch (failure) {
      if (request === latest.current) setError(errorText(failure, 'No se pudo cargar la lista; revisa la conexión.'));
    }
  }, [filters]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => live.onChange(() => void load()), [live, load]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const set = (key: keyof Filters) => (value: string) => onFilters({ ...filters, [key]: value });
  const active = activeFilterCount(filters);
  const narrowed = active > 0 || filters.q.trim() !== '';
  const togglePicked = (number: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });

  return (
    <section class="list" id="ticket-list" tabIndex={-1} aria-label="Lista de tickets">
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div class="search-row">
          <label class="search">
            <span class="visually-hidden">Buscar</span>
            <input
              id="ticket-search"
              type="search"
              placeholder="Buscar: 3, IF-3, cliente, teléfono, RFC, UUID o palabras"
              aria-label="Buscar tickets"
              value={filters.q}
              onInput={(event) => set('q')(event.currentTarget.value)}
            />
          </label>
          <button type="button" class="filters-toggle" aria-expanded={showFilters} aria-controls="filter-fields" onClick={() => setShowFilters(!showFilters)}>
            Filtros{active > 0 ? ` (${active})` : ''}
          </button>
        </div>
        <div id="filter-fields" class="filter-fields" hidden={!showFilters}>
          <Select label="Orden" value={filters.sort} onChange={set('sort')} options={[['urgent', 'Más urgentes'], ['newest', 'Más recientes']]} />
          <Select label="Estado" value={filters.status} onChange={set('status')} options={[['', 'Todos'], ...Object.entries(STATUS_LABEL)]} />
          <Select label="Severidad" value={filters.severity} onChange={set('severity')} options={[['', 'Todas'], ...Object.entries(SEVERITY_LABEL)]} />
          <Select label="Nivel" value={filters.tier} onChange={set('tier')} options={[['', 'Todos'], ['L1', 'L1'], ['L2', 'L2'], ['L3', 'L3']]} />
          <Select label="Canal" value={filters.channel} onChange={set('channel')} options={[['', 'Todos'], ...Object.entries(CHANNEL_LABEL)]} />
          <Select label="SLA" value={filters.sla} onChange={set('sla')} options={[['', 'Todos'], ['on_track', 'En tiempo'], ['at_risk', 'En riesgo'], ['breached', 'Vencidos']]} />
          <Select label="Asignado" value={filters.assignee} onChange={set('assignee')} options={[['', 'Todos'], ['me', 'A mí'], ['none', 'Sin asignar']]} />
          <Select label="Revisión" value={filters.review} onChange={set('review')} options={[['', 'Todos'], ['severity', 'Revisar severidad']]} />
          {narrowed && (
            <button type="button" class="link" onClick={() => onFilters(DEFAULT_FILTERS)}>
              Quitar filtros
            </button>
          )}
        </div>
        <SavedViews me={me} filters={filters} onApply={onFilters} />
      </form>
      <p class="count" aria-live="polite">
        {total === null ? 'Cargando…' : `${total === 1 ? '1 ticket visible' : `${total} tickets visibles`} para ${me.role === 'admin' ? 'administración' : me.tier}`}
        {error && (
          <span class="error" role="alert">
            {' '}
            · {error}
          </span>
        )}
      </p>
      {picked.size > 0 && (
        <BulkActions
          me={me}
          numbers={[...picked]}
          onClear={() => setPicked(new Set())}
          onDone={() => {
            void load();
          }}
        />
      )}
      {total === 0 && !error && <EmptyList filters={filters} narrowed={narrowed} tier={me.tier} onClear={() => onFilters(DEFAULT_FILTERS)} />}
      <ul class="tickets">
        {tickets.map((ticket) => {
          const isFresh = fresh.has(ticket.number) && selected !== ticket.number;
          // Null once resolved: a resolved ticket owes no status update.
          const updateDue = updateDueSoonLabel(ticket.nextUpdateDueAt, now);
          return (
            <li key={ticket.number} class={picked.has(ticket.number) ? 'picked' : ''}>
              <input
                type="checkbox"
                class="row-select"
                aria-label={`Seleccionar ${ticket.number}`}
                checked={picked.has(ticket.number)}
                onChange={() => togglePicked(ticket.number)}
              />
              <button
                type="button"
                class={`ticket-row sev-${ticket.severity}${selected === ticket.number ? ' selected' : ''}${isFresh ? ' fresh' : ''}`}
                aria-current={selected === ticket.number ? 'true' : undefined}
                data-number={ticket.number}
                onClick={() => onSelect(ticket.number)}
              >
                <span class="row-top">
                  <strong>{ticket.number}</strong>
                  {isFresh && <span class="badge new">{fresh.get(ticket.number) === 'created' ? 'Nuevo' : 'Mensaje nuevo'}</span>}
                  <span class={`badge sev sev-${ticket.severity}`}>{SEVERITY_LABEL[ticket.severity]}</span>
                  <span class="badge">{ticket.tier}</span>
                  <span class="badge">{CHANNEL_LABEL[ticket.channel]}</span>
                  <span class={`badge status-${ticket.status}`}>{STATUS_LABEL[ticket.status]}</span>
                  {ticket.callbackRequested && <span class="badge callback">Devolver llamada</span>}
                  {ticket.severityReview && <span class="badge review">{REVIEW_LABEL}</span>}
                  {updateDue && <span class="badge update-due">{updateDue}</span>}
                </span>
                <span class="subject">{ticket.subject || '(sin asunto)'}</span>
                <span class="row-meta">
                  <span class="customer">
                    {ticket.contact.name ?? ticket.contact.email ?? ticket.contact.phone ?? 'Cliente'}
                    {!ticket.contact.verified && (
                      <span class="badge unverified" title={UNVERIFIED_HINT}>
                        {UNVERIFIED_LABEL}
                      </span>
                    )}
                  </span>
                  {ticket.sla.overall !== 'done' && (
                    <span class={`sla sla-${ticket.sla.overall}`}>
                      {!ticket.firstResponseAt && `Atención: ${timeLeft(ticket.attentionDueAt, now)} · `}
                      Solución: {timeLeft(ticket.solutionDueAt, now)} · {CLOCK_LABEL[ticket.sla.overall]}
                    </span>
                  )}
                  {ticket.assignee && <span class="assignee">Asignado a {ticket.assignee.name}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What to do when the list is empty: widen a search that found nothing, or wait for the next ticket. */
function EmptyList({ filters, narrowed, tier, onClear }: { filters: Filters; narrowed: boolean; tier: string; onClear: () => void }) {
  if (!narrowed) {
    return (
      <div class="empty-state" role="status">
        <p>
          <strong>No hay tickets para {tier} por ahora.</strong>
        </p>
        <p>Los nuevos aparecen aquí en cuanto llegan, por correo, chat o teléfono, sin recargar la página.</p>
      </div>
    );
  }
  return (
    <div class="empty-state" role="status">
      <p>
        <strong>{filters.q.trim() ? `Ningún ticket coincide con «${filters.q.trim()}»` : 'Ningún ticket cumple estos filtros'}</strong>
        {activeFilterCount(filters) > 0 && filters.q.trim() ? ' con los filtros elegidos' : ''}.
      </p>
      <ul>
        <li>Un número se busca también corto: 3, 000003 o IF-3.</li>
        <li>Un teléfono, con sus 10 dígitos: 81 1234 5678.</li>
        <li>También sirven el correo o el nombre del cliente, un RFC, un folio fiscal (UUID) o palabras del mensaje.</li>
      </ul>
      <button type="button" onClick={onClear}>
        Quitar búsqueda y filtros
      </button>
    </div>
  );
}
