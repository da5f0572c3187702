import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import { SeverityOptions } from './confirm-inline.js';
import type { Agent, Me, TicketDetail } from './types.js';
import { ErrorLine } from './error-line.js';

type ActionKind = 'called-back' | 'escalate' | 'send-back' | 'fix-ready' | 'release' | 'resolve' | 'reopen' | 'severity' | 'assign' | 'merge' | 'wait' | 'resume';

interface ActionSpec {
  label: string;
  field?: { name: string; label: string; required: boolean };
}

const ACTIONS: Record<ActionKind, ActionSpec> = {
  'called-back': { label: 'Llamada devuelta', field: { name: 'note', label: 'Qué se habló (queda en el ticket)', required: false } },
  escalate: { label: 'Escalar al siguiente nivel', field: { name: 'reason', label: 'Motivo de la escalación', required: true } },
  'send-back': { label: 'Devolver al nivel anterior', field: { name: 'reason', label: 'Por qué no es de este nivel (lo lee quien lo recibe)', required: true } },
  'fix-ready': { label: 'Corrección lista (a Operaciones)', field: { name: 'note', label: 'Qué se corrigió', required: false } },
  release: { label: 'Liberada a producción (a Help Desk)', field: { name: 'note', label: 'Nota de liberación', required: false } },
  resolve: { label: 'Resolver', field: { name: 'resolution', label: 'Solución (la recibe el cliente)', required: true } },
  reopen: { label: 'Reabrir', field: { name: 'reason', label: 'Motivo', required: false } },
  severity: { label: 'Cambiar severidad', field: { name: 'reason', label: 'Motivo (lo recibe el cliente)', required: false } },
  assign: { label: 'Asignar' },
  merge: { label: 'Fusionar en otro ticket', field: { name: 'into', label: 'Ticket destino, del mismo cliente (sirve 4, IF-4 o IF-000004)', required: true } },
  wait: { label: 'Esperar respuesta del cliente' },
  resume: { label: 'Reanudar' },
};

/** Only agents of the ticket's tier (or administrators) take it or assign it: the API refuses the rest. */
const mayAssign = (me: Me, ticket: TicketDetail): boolean => me.role === 'admin' || me.tier === ticket.tier;

/** Which actions make sense now for this agent (the API enforces the rules; this only avoids dead buttons). */
function available(me: Me, ticket: TicketDetail): ActionKind[] {
  const admin = me.role === 'admin';
  const mine = admin || me.tier === ticket.tier;
  const closed = ticket.status === 'resolved' || ticket.status === 'merged';
  if (ticket.status === 'merged') return [];
  // Whoever may write to the customer may return their missed call.
  const callBack: ActionKind[] = ticket.callbackRequested && (mine || me.tier === 'L1') ? ['called-back'] : [];
  if (closed) return [...callBack, ...(admin || me.tier === 'L1' ? (['reopen'] as ActionKind[]) : [])];
  const actions: ActionKind[] = [...callBack, ...(mayAssign(me, ticket) ? (['assign'] as ActionKind[]) : [])];
  if (me.tier !== 'L3' || admin) actions.push('severity');
  if (ticket.status === 'pending_release') return [...actions, ...(admin || me.tier === 'L2' ? (['release'] as ActionKind[]) : [])];
  if (mine && ticket.tier !== 'L3') actions.push('escalate');
  // Not for this tier (for Help Desk, not a defect): one tier down, to whoever escalated it.
  if (mine && ticket.tier !== 'L1') actions.push('send-back');
  if ((admin || me.tier === 'L3') && ticket.tier === 'L3') actions.push('fix-ready');
  if (mine && ticket.tier !== 'L3' && (admin || me.tier !== 'L3')) actions.push('resolve');
  if (mine || me.tier === 'L1') actions.push(ticket.status === 'waiting_customer' ? 'resume' : 'wait');
  if (admin || me.tier === 'L1') actions.push('merge');
  return actions;
}

export function TicketActions({ me, ticket, onDone }: { me: Me; ticket: TicketDetail; onDone: () => void }) {
  const [open, setOpen] = useState<ActionKind | null>(null);
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState(String(ticket.severity));
  const [agents, setAgents] = useState<Agent[]>([]);
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open === 'assign' && agents.length === 0) {
      void api<{ items: Agent[] }>('GET', '/api/agents').then(
        (result) => setAgents(result.items),
        (failure: unknown) => setError(errorText(failure, 'No se pudo cargar la lista de agentes.')),
      );
    }
  }, [open, agents.length]);

  const path = `/api/tickets/${ticket.number}`;
  const run = async (kind: ActionKind) => {
    setBusy(true);
    setError(null);
    try {
      switch (kind) {
        case 'called-back':
          await api('POST', `${path}/called-back`, { note: text });
          break;
        case 'escalate':
          await api('POST', `${path}/escalate`, { reason: text });
          break;
        case 'send-back':
          await api('POST', `${path}/send-back`, { reason: text });
          break;
        case 'fix-ready':
          await api('POST', `${path}/fix-ready`, { note: text });
          break;
        case 'release':
          await api('POST', `${path}/release`, { note: text });
          break;
        case 'resolve':
          await api('POST', `${path}/resolve`, { resolution: text });
          break;
        case 'reopen':
          await api('POST', `${path}/reopen`, { reason: text });
          break;
        case 'severity':
          await api('PATCH', path, { severity: Number(severity), reason: text });
          break;
        case 'assign':
          await api('POST', `${path}/assign`, { agentId: assignee || null });
          break;
        case 'merge':
          await api('POST', `${path}/merge`, { into: text.trim() });
          break;
        case 'wait':
          await api('PATCH', path, { status: 'waiting_customer' });
          break;
        case 'resume':
          await api('PATCH', path, { status: 'open' });
          break;
      }
      setOpen(null);
      setText('');
      onDone();
    } catch (failure) {
      setError(errorText(failure, 'No se pudo completar la acción; revisa la conexión.'));
    } finally {
      setBusy(false);
    }
  };

  const actions = available(me, ticket);
  const label = (kind: ActionKind): string => (kind === 'send-back' ? `Devolver a ${ticket.tier === 'L3' ? 'L2 (Operaciones)' : 'L1 (Help Desk)'}` : ACTIONS[kind].label);
  const spec = open ? { ...ACTIONS[open], label: label(open) } : null;
  return (
    <div class="actions">
      <div class="action-buttons" role="toolbar" aria-label="Acciones del ticket">
        {ticket.assignee?.id !== me.id && ticket.status !== 'merged' && ticket.status !== 'resolved' && mayAssign(me, ticket) && (
          <button type="button" onClick={() => void api('POST', `${path}/take`).then(onDone, (failure: unknown) => setError(errorText(failure, 'No se pudo tomar el ticket.')))}>
            Tomar
          </button>
        )}
        {actions.map((kind) => (
          <button key={kind} type="button" aria-pressed={open === kind} onClick={() => (ACTIONS[kind].field || kind === 'assign' ? setOpen(open === kind ? null : kind) : void run(kind))}>
            {label(kind)}
          </button>
        ))}
      </div>
      {!mayAssign(me, ticket) && ticket.status !== 'merged' && ticket.status !== 'resolved' && (
        <p class="hint assign-reason">
          Este ticket está en {ticket.tier}: solo {ticket.tier} o un administrador lo toma o lo asigna.
        </p>
      )}
      {open && spec && (
        <form
          class="action-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(open);
          }}
        >
          {open === 'severity' && (
            <label>
              Nueva severidad
              <select value={severity} onChange={(event) => setSeverity(event.currentTarget.value)}>
                <SeverityOptions />
              </select>
            </label>
          )}
          {open === 'assign' && (
            <label>
              Agente
              <select value={assignee} onChange={(event) => setAssignee(event.currentTarget.value)}>
                <option value="">Sin asignar</option>
                {agents
                  .filter((agent) => agent.active && (agent.tier === ticket.tier || agent.role === 'admin'))
                  .map((agent) => (
                    <option key={agent.id} value={agent.id}>
                      {agent.name} ({agent.tier})
                    </option>
                  ))}
              </select>
            </label>
          )}
          {spec.field && (
            <label>
              {spec.field.label}
              <textarea name={spec.field.name} required={spec.field.required} value={text} onInput={(event) => setText(event.currentTarget.value)} rows={3} />
            </label>
          )}
          <button type="submit" disabled={busy}>
            Confirmar: {spec.label}
          </button>
          <button type="button" class="link" onClick={() => setOpen(null)}>
            Cancelar
          </button>
        </form>
      )}
      <ErrorLine message={error} />
    </div>
  );
}
