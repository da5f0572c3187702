import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorText } from './api.js';
import { formatTime, timeLeft } from './format.js';
import { CHANNEL_LABEL, CLOCK_LABEL, REVIEW_LABEL, SEVERITY_LABEL, STATUS_LABEL, TIER_LABEL, UNVERIFIED_HINT, UNVERIFIED_LABEL } from './labels.js';
import type { LiveUpdates, Viewer } from './live-updates.js';
import { CfdiPanel } from './cfdi-panel.js';
import { ProgressNote } from './progress-note.js';
import { SeverityProposal } from './severity-proposal.js';
import { ReplyBox } from './reply-box.js';
import { TicketActions } from './ticket-actions.js';
import { Timeline } from './timeline.js';
import type { Me, TicketDetail, TicketSummary } from './types.js';

/** One ticket: who, how urgent, its whole timeline across channels, actions and the reply box. */
export function TicketView({ number, me, live, onSelect, onBack }: { number: string; me: Me; live: LiveUpdates; onSelect: (number: string) => void; onBack: () => void }) {
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Out of this agent's tiers: handed on (by them or another agent) while shown, or never in sight.
  const [outOfSight, setOutOfSight] = useState<string | null>(null);
  const shown = useRef(false);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typing, setTyping] = useState<Viewer | null>(null);
  const [contactTickets, setContactTickets] = useState<TicketSummary[] | null>(null);
  const [contactError, setContactError] = useState<string | null>(null);
  const now = Date.now();

  const load = useCallback(async () => {
    try {
      setTicket(await api<TicketDetail>('GET', `/api/tickets/${number}`));
      shown.current = true;
      setError(null);
      setOutOfSight(null);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 403) {
        // Handed to another tier: stop showing up as a viewer of it. Not an error: after an agent's
        // own escalation, fix-ready, release or send-back, it is the action's outcome.
        live.watch(null);
        setOutOfSight(shown.current ? 'Listo: el ticket pasó a otro nivel y ya no está en tu vista.' : 'Este ticket está en un nivel que no ves.');
        return;
      }
      setError(errorText(failure, 'No se pudo cargar el ticket; revisa la conexión.'));
    }
  }, [number, live]);

  useEffect(() => {
    shown.current = false;
  }, [number]);

  useEffect(() => {
    void load();
    live.watch(number);
    return () => live.watch(null);
  }, [number, live, load]);

  useEffect(() => live.onChange((change) => (change.number === number || change.number === '*') && void load()), [live, number, load]);
  useEffect(() => live.onViewers((watched, list) => watched === number && setViewers(list.filter((viewer) => viewer.id !== me.id))), [live, number, me.id]);
  useEffect(
    () =>
      live.onTyping((watched, agent) => {
        if (watched !== number) return;
        setTyping(agent);
        setTimeout(() => setTyping((current) => (current?.id === agent.id ? null : current)), 5_000);
      }),
    [live, number],
  );

  const back = (
    <button type="button" class="back-to-list" onClick={onBack}>
      ← Volver a la lista
    </button>
  );
  if (outOfSight || error || !ticket) {
    return (
      <section class="detail" id="ticket-detail" tabIndex={-1} aria-label="Ticket abierto">
        {back}
        <p class={outOfSight ? 'notice' : error ? 'error' : ''} role={outOfSight ? 'status' : undefined}>
          {outOfSight ?? error ?? 'Cargando…'}
        </p>
      </section>
    );
  }

  const showContact = async () => {
    if (!ticket.contact.id) return;
    try {
      setContactTickets((await api<{ tickets: TicketSummary[] }>('GET', `/api/contacts/${ticket.contact.id}`)).tickets);
    } catch (failure) {
      setContactError(errorText(failure, 'No se pudieron cargar sus tickets.'));
    }
  };

  return (
    <section class="detail" id="ticket-detail" tabIndex={-1} aria-labelledby="ticket-title">
      <div class="detail-body">
      {back}
      <header class="detail-header">
        <h2 id="ticket-title">
          {ticket.number} · {ticket.subject || '(sin asunto)'}
        </h2>
        <p class="badges">
          <span class={`badge sev sev-${ticket.severity}`} title={ticket.severityMeaning}>
            {SEVERITY_LABEL[ticket.severity]}
          </span>
          <span class="badge">{TIER_LABEL[ticket.tier]}</span>
          <span class={`badge status-${ticket.status}`}>{STATUS_LABEL[ticket.status]}</span>
          <span class="badge">{CHANNEL_LABEL[ticket.channel]}</span>
          {ticket.callbackRequested && <span class="badge callback">Devolver llamada</span>}
          {ticket.severityReview && <span class="badge review">{REVIEW_LABEL}</span>}
          {ticket.assignee ? <span class="badge">Asignado a {ticket.assignee.name}</span> : <span class="badge">Sin asignar</span>}
          {ticket.mergedInto && (
            <button type="button" class="link" onClick={() => onSelect(ticket.mergedInto!)}>
              Fusionado en {ticket.mergedInto}
            </button>
          )}
        </p>
        <p class="severity-meaning">{ticket.severityMeaning}</p>
        <SeverityProposal me={me} ticket={ticket} onDone={() => void load()} />
        <dl class="clocks">
          <dt>Atención</dt>
          <dd class={`sla-${ticket.sla.attention}`}>
            {ticket.firstResponseAt ? `respondido ${formatTime(ticket.firstResponseAt)}` : `vence ${formatTime(ticket.attentionDueAt)}, ${timeLeft(ticket.attentionDueAt, now)}`} ·{' '}
            {CLOCK_LABEL[ticket.sla.attention]}
          </dd>
          <dt>Solución</dt>
          <dd class={`sla-${ticket.sla.solution}`}>
            {ticket.resolvedAt ? `resuelto ${formatTime(ticket.resolvedAt)}` : `vence ${formatTime(ticket.solutionDueAt)}, ${timeLeft(ticket.solutionDueAt, now)}`} ·{' '}
            {CLOCK_LABEL[ticket.sla.solution]}
          </dd>
          <dt>Actualización</dt>
          <dd>
            {ticket.nextUpdateDueAt
              ? `próxima al cliente ${formatTime(ticket.nextUpdateDueAt)}, ${timeLeft(ticket.nextUpdateDueAt, now)}`
              : 'solo al resolverse'}
          </dd>
        </dl>
        {ticket.slaExplanation && <p class="sla-explanation">{ticket.slaExplanation}</p>}
        <CfdiPanel cfdi={ticket.cfdi} />
        <ProgressNote ticket={ticket} onSaved={() => void load()} />
        <div class="customer-card">
          <strong>{ticket.contact.name ?? 'Cliente'}</strong>
          {ticket.contact.email && <span> · {ticket.contact.email}</span>}
          {!ticket.contact.verified && (
            <span class="badge unverified" title={UNVERIFIED_HINT}>
              {UNVERIFIED_LABEL}
            </span>
          )}
          {ticket.contact.emailUndeliverable && <span class="error"> (correo rebotado: no se le envían correos hasta que escriba o un envío se entregue)</span>}
          {ticket.contact.phone && <span> · {ticket.contact.phone}</span>}
          {ticket.contact.rfc && <span> · RFC {ticket.contact.rfc}</span>}{' '}
          <button type="button" class="link" onClick={() => void showContact()}>
            Todos sus tickets
          </button>
          {contactError && <p class="error">{contactError}</p>}
          {contactTickets && (
            <ul class="contact-tickets">
              {contactTickets.map((other) => (
                <li key={other.number}>
                  <button type="button" class="link" onClick={() => onSelect(other.number)}>
                    {other.number}
                  </button>{' '}
                  {CHANNEL_LABEL[other.channel]} · {STATUS_LABEL[other.status]} · {other.subject}
                </li>
              ))}
            </ul>
          )}
        </div>
        {(viewers.length > 0 || typing) && (
          <p class="presence" role="status">
            {viewers.length > 0 && `También viendo: ${viewers.map((viewer) => viewer.name).join(', ')}.`} {typing && `${typing.name} está escribiendo…`}
          </p>
        )}
      </header>
      <TicketActions me={me} ticket={ticket} onDone={() => void load()} />
      <Timeline ticket={ticket} />
      </div>
      <ReplyBox me={me} ticket={ticket} live={live} onSent={() => void load()} />
    </section>
  );
}
