import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import type { Agent, Me } from './types.js';

type BulkKind = 'assign' | 'resolve' | 'merge';
interface Outcome {
  number: string;
  ok: boolean;
  text: string;
}

const DONE: Record<BulkKind, string> = { assign: 'asignado', resolve: 'resuelto', merge: 'fusionado' };

/**
 * Assign, resolve or merge several tickets at once: the existing endpoints, one ticket after another,
 * with what happened to each shown beside its number.
 */
export function BulkActions({ me, numbers, onClear, onDone }: { me: Me; numbers: string[]; onClear: () => void; onDone: () => void }) {
  const [kind, setKind] = useState<BulkKind | null>(null);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [assignee, setAssignee] = useState(me.id);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  useEffect(() => {
    if (kind === 'assign' && agents.length === 0) void api<{ items: Agent[] }>('GET', '/api/agents').then((result) => setAgents(result.items.filter((agent) => agent.active)));
  }, [kind, agents.length]);

  const run = async () => {
    if (!kind) return;
    setBusy(true);
    const results: Outcome[] = [];
    const target = text.trim();
    for (const number of numbers) {
      try {
        if (kind === 'assign') await api('POST', `/api/tickets/${number}/assign`, { agentId: assignee || null });
        if (kind === 'resolve') await api('POST', `/api/tickets/${number}/resolve`, { resolution: target });
        if (kind === 'merge') await api('POST', `/api/tickets/${number}/merge`, { into: target });
        results.push({ number, ok: true, text: DONE[kind] });
      } catch (failure) {
        results.push({ number, ok: false, text: errorText(failure, 'no se pudo; revisa la conexión') });
      }
      setOutcomes([...results]);
    }
    setBusy(false);
    setKind(null);
    setText('');
    onDone();
  };

  return (
    <section class="bulk" aria-label="Acciones en grupo">
      <p>
        <strong>{numbers.length === 1 ? '1 ticket seleccionado' : `${numbers.length} tickets seleccionados`}</strong>{' '}
        <button type="button" class="link" onClick={onClear}>
          Quitar selección
        </button>
      </p>
      <div class="action-buttons">
        {(['assign', 'resolve', 'merge'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={kind === option} onClick={() => setKind(kind === option ? null : option)}>
            {option === 'assign' ? 'Asignar' : option === 'resolve' ? 'Resolver' : 'Fusionar'}
          </button>
        ))}
      </div>
      {kind && (
        <form
          class="action-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run();
          }}
        >
          {kind === 'assign' && (
            <label>
              Asignar a
              <select value={assignee} onChange={(event) => setAssignee(event.currentTarget.value)}>
                <option value={me.id}>A mí ({me.name})</option>
                {agents
                  .filter((agent) => agent.id !== me.id)
                  .map((agent) => (
                    <option key={agent.id} value={agent.id}>
                      {agent.name} ({agent.tier})
                    </option>
                  ))}
                <option value="">Sin asignar</option>
              </select>
            </label>
          )}
          {kind === 'resolve' && (
            <label>
              Solución (la recibe cada cliente)
              <textarea required rows={3} value={text} onInput={(event) => setText(event.currentTarget.value)} />
            </label>
          )}
          {kind === 'merge' && (
            <label>
              Fusionar en el ticket (mismo cliente; sirve 4, IF-4 o IF-000004)
              <input required value={text} onInput={(event) => setText(event.currentTarget.value)} />
            </label>
          )}
          <button type="submit" disabled={busy}>
            {busy ? 'Aplicando…' : `Aplicar a ${numbers.length}`}
          </button>
        </form>
      )}
      {outcomes.length > 0 && (
        <ul class="bulk-outcomes" role="status" aria-label="Resultado por ticket">
          {outcomes.map((outcome) => (
            <li key={outcome.number} class={outcome.ok ? 'ok' : 'error'}>
              {outcome.number}: {outcome.ok ? `✓ ${outcome.text}` : `✗ ${outcome.text}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
