import { useState } from 'preact/hooks';
import { CANNED_VARIABLES } from '@shared/tickets/canned/canned-variables.js';
import { api, errorText } from './api.js';
import { ConfirmInline, SeverityOptions } from './confirm-inline.js';
import { reloadCannedResponses, useCannedResponses } from './canned-responses.js';
import { SEVERITY_LABEL, STATUS_LABEL } from './labels.js';
import type { CannedResponse } from './types.js';

const EMPTY = { title: '', body: '', setStatus: '', setSeverity: '' };
type Draft = typeof EMPTY;

const toDraft = (response: CannedResponse): Draft => ({
  title: response.title,
  body: response.body,
  setStatus: response.setStatus ?? '',
  setSeverity: response.setSeverity === null ? '' : String(response.setSeverity),
});

/** Administrators: the canned responses and macros every agent inserts from the reply box. */
export function CannedPage() {
  const responses = useCannedResponses();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    const fields = { title: draft.title, body: draft.body, setStatus: draft.setStatus || null, setSeverity: draft.setSeverity === '' ? null : Number(draft.setSeverity) };
    try {
      await (editing ? api('PATCH', `/api/canned-responses/${editing}`, fields) : api('POST', '/api/canned-responses', fields));
      setMessage({ error: false, text: editing ? 'Respuesta actualizada.' : 'Respuesta creada: ya aparece en el cuadro de respuesta de todos los agentes.' });
      setDraft(EMPTY);
      setEditing(null);
      reloadCannedResponses();
    } catch (failure) {
      setMessage({ error: true, text: errorText(failure, 'No se pudo guardar; revisa la conexión.') });
    }
  };

  const remove = async (response: CannedResponse) => {
    try {
      await api('DELETE', `/api/canned-responses/${response.id}`);
      setMessage({ error: false, text: `Se borró «${response.title}».` });
      reloadCannedResponses();
    } catch (failure) {
      setMessage({ error: true, text: errorText(failure, 'No se pudo borrar.') });
    }
    setConfirming(null);
  };

  const field = (name: keyof Draft) => (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value });

  return (
    <main class="canned page" id="main-content" tabIndex={-1}>
      <h2>Respuestas predefinidas y macros</h2>
      <p class="hint">
        Todos los agentes las insertan desde el cuadro de respuesta. Una macro además cambia el estado o la severidad al enviar.
      </p>
      {responses.length === 0 ? (
        <div class="empty-state">
          <p>
            <strong>Aún no hay respuestas predefinidas.</strong>
          </p>
          <p>Crea la primera abajo, por ejemplo un saludo o la explicación de un error frecuente del SAT.</p>
        </div>
      ) : (
        <ul class="canned-list">
          {responses.map((response) => (
            <li key={response.id}>
              <strong>{response.title}</strong>
              {(response.setStatus || response.setSeverity !== null) && (
                <span class="badge">
                  macro:{response.setStatus ? ` ${STATUS_LABEL[response.setStatus]}` : ''}
                  {response.setSeverity !== null ? ` · ${SEVERITY_LABEL[response.setSeverity]}` : ''}
                </span>
              )}
              <p class="canned-body">{response.body}</p>
              <button
                type="button"
                class="link"
                onClick={() => {
                  setEditing(response.id);
                  setDraft(toDraft(response));
                }}
              >
                Editar
              </button>{' '}
              {confirming === response.id ? (
                <ConfirmInline question={`¿Borrar «${response.title}»?`} yes="Sí, borrar" onYes={() => void remove(response)} onNo={() => setConfirming(null)} />
              ) : (
                <button type="button" class="link" onClick={() => setConfirming(response.id)}>
                  Borrar
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form class="panel-form" onSubmit={(event) => void save(event)}>
        <h3>{editing ? 'Editar respuesta' : 'Nueva respuesta'}</h3>
        <label>
          Título (así la eligen los agentes)
          <input required maxLength={80} value={draft.title} onInput={field('title')} />
        </label>
        <label>
          Texto
          <textarea required rows={5} value={draft.body} onInput={field('body')} aria-describedby="canned-variables" />
        </label>
        <p id="canned-variables" class="hint">
          Variables: {Object.entries(CANNED_VARIABLES).map(([name, meaning]) => `{{${name}}} (${meaning})`).join(', ')}.
        </p>
        <label>
          Al enviar, dejar el ticket en
          <select value={draft.setStatus} onChange={field('setStatus')}>
            <option value="">(no cambiar el estado)</option>
            <option value="waiting_customer">{STATUS_LABEL.waiting_customer}</option>
            <option value="open">{STATUS_LABEL.open}</option>
            <option value="resolved">{STATUS_LABEL.resolved} (el texto es la solución)</option>
          </select>
        </label>
        <label>
          Al enviar, cambiar la severidad a
          <select value={draft.setSeverity} onChange={field('setSeverity')}>
            <option value="">(no cambiar la severidad)</option>
            <SeverityOptions />
          </select>
        </label>
        <div class="form-buttons">
          <button type="submit" class="primary">
            {editing ? 'Guardar cambios' : 'Crear respuesta'}
          </button>
          {editing && (
            <button
              type="button"
              class="link"
              onClick={() => {
                setEditing(null);
                setDraft(EMPTY);
              }}
            >
              Cancelar
            </button>
          )}
        </div>
      </form>
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </main>
  );
}
