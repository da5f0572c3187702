import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { timeLeft } from './format.js';
import { CHANNEL_LABEL, CLOCK_LABEL, REVIEW_LABEL, SEVERITY_LABEL, STATUS_LABEL, UNVERIFIED_HINT, UNVERIFIED_LABEL } from './labels.js';
import type { LiveUpdates } from './live-updates.js';
import type { Me, TicketSummary } from './types.js';

interface Filters {
  status: string;
  severity: string;
  tier: string;
  channel: string;
  sla: string;
  assignee: string;
  q: string;
  sort: string;
  review: string;
}

const INITIAL: Filters = { status: '', severity: '', tier: '', channel: '', sla: '', assignee: '', q: '', sort: 'urgent', review: '' };

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: Array<[string, string]> }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One list of tickets from every channel, most urgent (or newest) first, updated live. */
export function TicketList({ me, live, selected, onSelect }: { me: Me; live: LiveUpdates; selected: string | null; onSelect: (number: string) => void }) {
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const [tickets, setTickets] = useState<TicketSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());

  const load = useCallback(async () => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
    try {
      const result = await api<{ items: TicketSummary[]; total: number }>('GET', `/api/tickets?${query.toString()}&limit=100`);
      setTickets(result.items);
      setTotal(result.total);
      setError(null);
    } catch {
      setError('No se pudo cargar la lista.');
    }
  }, [filters]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      live.onChange((change) => {
        if (change.kind === 'created' || change.kind === 'message') setFresh((current) => new Set(current).add(change.number));
        void load();
      }),
    [live, load],
  );

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const set = (key: keyof Filters) => (value: string) => setFilters((current) => ({ ...current, [key]: value }));

  return (
    <section class="list" aria-label="Tickets">
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label class="search">
          Buscar
          <input type="search" placeholder="Número, cliente, RFC, UUID o palabras" value={filters.q} onInput={(event) => set('q')(event.currentTarget.value)} />
        </label>
        <Select label="Orden" value={filters.sort} onChange={set('sort')} options={[['urgent', 'Más urgentes'], ['newest', 'Más recientes']]} />
        <Select label="Estado" value={filters.status} onChange={set('status')} options={[['', 'Todos'], ...Object.entries(STATUS_LABEL)]} />
        <Select label="Severidad" value={filters.severity} onChange={set('severity')} options={[['', 'Todas'], ...Object.entries(SEVERITY_LABEL)]} />
        <Select label="Nivel" value={filters.tier} onChange={set('tier')} options={[['', 'Todos'], ['L1', 'L1'], ['L2', 'L2'], ['L3', 'L3']]} />
        <Select label="Canal" value={filters.channel} onChange={set('channel')} options={[['', 'Todos'], ...Object.entries(CHANNEL_LABEL)]} />
        <Select
          label="SLA"
          value={filters.sla}
          onChange={set('sla')}
          options={[['', 'Todos'], ['on_track', 'En tiempo'], ['at_risk', 'En riesgo'], ['breached', 'Vencidos']]}
        />
        <Select label="Asignado" value={filters.assignee} onChange={set('assignee')} options={[['', 'Todos'], ['me', 'A mí'], ['none', 'Sin asignar']]} />
        <Select label="Revisión" value={filters.review} onChange={set('review')} options={[['', 'Todos'], ['severity', 'Revisar severidad']]} />
      </form>
      <p class="count" aria-live="polite">
        {total === 1 ? '1 ticket visible' : `${total} tickets visibles`} para {me.tier}
        {error && <span class="error"> · {error}</span>}
      </p>
      <ul class="tickets">
        {tickets.map((ticket) => (
          <li key={ticket.number}>
            <button
              type="button"
              class={`ticket-row sev-${ticket.severity} ${selected === ticket.number ? 'selected' : ''} ${fresh.has(ticket.number) ? 'fresh' : ''}`}
              aria-current={selected === ticket.number}
              data-number={ticket.number}
              onClick={() => {
                setFresh((current) => {
                  const next = new Set(current);
                  next.delete(ticket.number);
                  return next;
                });
                onSelect(ticket.number);
              }}
            >
              <span class="row-top">
                <strong>{ticket.number}</strong>
                <span class={`badge sev sev-${ticket.severity}`}>{SEVERITY_LABEL[ticket.severity]}</span>
                <span class="badge">{ticket.tier}</span>
                <span class="badge">{CHANNEL_LABEL[ticket.channel]}</span>
                <span class={`badge status-${ticket.status}`}>{STATUS_LABEL[ticket.status]}</span>
                {ticket.callbackRequested && <span class="badge callback">Devolver llamada</span>}
                {ticket.severityReview && <span class="badge review">{REVIEW_LABEL}</span>}
              </span>
              <span class="subject">{ticket.subject || '(sin asunto)'}</span>
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
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
