import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import { formatTime } from './format.js';
import type { Me } from './types.js';
import { ErrorLine } from './error-line.js';

interface MissedCall {
  callSid: string;
  caller: string;
  durationSeconds: number | null;
  startedAt: string;
  calledBackAt: string | null;
}

/**
 * Calls that ended during the greeting with no ticket to add them to: no ticket was opened for them
 * (docs/channels.md, "Hang-ups"), but whoever called may still need us; L1 and L2 return them.
 */
export function CallsPage({ me }: { me: Me }) {
  const [calls, setCalls] = useState<MissedCall[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canCall = me.tier !== 'L3' || me.role === 'admin';

  const load = () =>
    api<{ items: MissedCall[] }>('GET', '/api/calls/missed').then(
      (answer) => setCalls(answer.items),
      (failure: unknown) => setError(errorText(failure, 'No se pudieron cargar las llamadas.')),
    );
  useEffect(() => void load(), []);

  const calledBack = async (call: MissedCall) => {
    try {
      await api('POST', `/api/calls/missed/${call.callSid}/called-back`);
      setError(null);
      await load();
    } catch (failure) {
      setError(errorText(failure, 'No se pudo registrar la llamada devuelta.'));
    }
  };

  return (
    <main class="calls page" id="main-content" tabIndex={-1}>
      <h2>Llamadas perdidas sin ticket</h2>
      <p class="hint">
        Quien colgó durante el saludo, antes de elegir una opción y sin dejar mensaje, no recibe ticket ni SMS. Si tenía un ticket abierto, la llamada se agrega a ese
        ticket; si no, aparece aquí para devolverle la llamada.
      </p>
      <ErrorLine message={error} />
      {calls?.length === 0 && <p>No hay llamadas perdidas sin ticket.</p>}
      {calls && calls.length > 0 && (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Número</th>
                <th scope="col">Llamó</th>
                <th scope="col">Duración</th>
                <th scope="col">Devuelta</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.callSid} data-call={call.callSid}>
                  <td>
                    <a href={`tel:${call.caller}`}>{call.caller}</a>
                  </td>
                  <td>{formatTime(call.startedAt)}</td>
                  <td>{call.durationSeconds === null ? '—' : `${call.durationSeconds} s`}</td>
                  <td>
                    {call.calledBackAt ? (
                      `Sí, ${formatTime(call.calledBackAt)}`
                    ) : canCall ? (
                      <button type="button" onClick={() => void calledBack(call)} aria-label={`Devolví la llamada a ${call.caller}`}>
                        Devolví la llamada
                      </button>
                    ) : (
                      'Pendiente'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
