import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import { ConfirmInline } from './confirm-inline.js';
import { TIER_LABEL } from './labels.js';
import type { Agent, Me } from './types.js';
import { ErrorLine } from './error-line.js';

const ROLE_LABEL: Record<Agent['role'], string> = { agent: 'Agente', admin: 'Administrador' };
const PASSWORD_MIN = 10;

/** A new password for one agent, set by an administrator: their open sessions end. */
function PasswordReset({ agent, onDone, onCancel }: { agent: Agent; onDone: (text: string) => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api('PATCH', `/api/agents/${agent.id}`, { password });
      onDone(`Contraseña de ${agent.name} restablecida; sus sesiones abiertas terminaron. Compártele la nueva por un medio seguro.`);
    } catch (failure) {
      setError(errorText(failure, 'No se pudo restablecer la contraseña.'));
    }
  };
  return (
    <form class="inline-form" onSubmit={(event) => void submit(event)}>
      <label>
        Nueva contraseña para {agent.name} (mínimo {PASSWORD_MIN} caracteres)
        <input type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
      </label>
      <button type="submit">Guardar contraseña</button>
      <button type="button" class="link" onClick={onCancel}>
        Cancelar
      </button>
      <ErrorLine message={error} />
    </form>
  );
}

/** The name customers read in replies and updates ("Atentamente, …"): the first administrator is made as "Administrador". */
function RenameAgent({ agent, onRename, onCancel }: { agent: Agent; onRename: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(agent.name);
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        onRename(name.trim());
      }}
    >
      <label>
        Nombre de {agent.name} (lo leen los clientes en las respuestas)
        <input required maxLength={120} value={name} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!name.trim() || name.trim() === agent.name}>
        Guardar nombre
      </button>
      <button type="button" class="link" onClick={onCancel}>
        Cancelar
      </button>
    </form>
  );
}

/**
 * Administrators: create agents, change their name, tier or role, reset a password, deactivate (after
 * asking). A change to their own account reaches `onMeChanged`, so the header says it at once.
 */
export function AgentsPage({ me, onMeChanged }: { me: Me; onMeChanged: (me: Me) => void }) {
  const [agents, setAgents] = useState<Agent[]>([]);
  const [form, setForm] = useState({ name: '', email: '', password: '', tier: 'L1', role: 'agent' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setAgents((await api<{ items: Agent[] }>('GET', '/api/agents')).items);
    } catch (failure) {
      setNotice({ error: true, text: errorText(failure, 'No se pudo cargar la lista de agentes.') });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    // The outcome of this attempt only: an earlier "Se creó…" beside a refusal reads as both.
    setNotice(null);
    try {
      await api('POST', '/api/agents', form);
      setNotice({ error: false, text: `Se creó la cuenta de ${form.name}.` });
      setForm({ name: '', email: '', password: '', tier: 'L1', role: 'agent' });
      await load();
    } catch (failure) {
      setError(errorText(failure, 'No se pudo crear el agente.'));
    }
  };

  const update = async (agent: Agent, patch: Partial<Agent>, done: string) => {
    try {
      await api('PATCH', `/api/agents/${agent.id}`, patch);
      setNotice({ error: false, text: done });
    } catch (failure) {
      setNotice({ error: true, text: errorText(failure, 'No se pudo guardar el cambio.') });
    }
    setConfirming(null);
    // Deactivating oneself ends the session: that answer is the sign-in page's to show, not a notice here.
    if (agent.id === me.id) await api<Me>('GET', '/api/auth/me').then(onMeChanged, () => undefined);
    await load();
  };

  const field = (name: keyof typeof form) => (event: Event) => setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  return (
    <main class="agents page" id="main-content" tabIndex={-1}>
      <h2>Agentes</h2>
      {notice && (
        <p class={notice.error ? 'error' : 'status'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Nombre</th>
              <th scope="col">Correo</th>
              <th scope="col">Nivel</th>
              <th scope="col">Rol</th>
              <th scope="col">Acciones</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.id} class={agent.active ? '' : 'inactive'}>
                <td>
                  {agent.name}
                  {!agent.active && <span class="badge">desactivado</span>}
                </td>
                <td>{agent.email}</td>
                <td>
                  <select
                    aria-label={`Nivel de ${agent.name}`}
                    value={agent.tier}
                    onChange={(event) => void update(agent, { tier: event.currentTarget.value as Agent['tier'] }, `${agent.name} ahora es ${TIER_LABEL[event.currentTarget.value]}.`)}
                  >
                    {Object.entries(TIER_LABEL).map(([tier, label]) => (
                      <option key={tier} value={tier}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`Rol de ${agent.name}`}
                    value={agent.role}
                    onChange={(event) => void update(agent, { role: event.currentTarget.value as Agent['role'] }, `${agent.name} ahora es ${ROLE_LABEL[event.currentTarget.value as Agent['role']]}.`)}
                  >
                    {Object.entries(ROLE_LABEL).map(([role, label]) => (
                      <option key={role} value={role}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td class="agent-actions">
                  <button type="button" onClick={() => setRenaming(renaming === agent.id ? null : agent.id)} aria-expanded={renaming === agent.id}>
                    Cambiar nombre
                  </button>
                  <button type="button" onClick={() => setResetting(resetting === agent.id ? null : agent.id)} aria-expanded={resetting === agent.id}>
                    Restablecer contraseña
                  </button>
                  {!agent.active ? (
                    <button type="button" onClick={() => void update(agent, { active: true }, `${agent.name} puede volver a iniciar sesión.`)}>
                      Activar
                    </button>
                  ) : confirming === agent.id ? (
                    <ConfirmInline
                      question={`¿Desactivar a ${agent.name}?${agent.id === me.id ? ' Es tu propia cuenta.' : ''} Sus sesiones terminan al instante.`}
                      yes="Sí, desactivar"
                      no="Cancelar"
                      onYes={() => void update(agent, { active: false }, `${agent.name} quedó desactivado.`)}
                      onNo={() => setConfirming(null)}
                    />
                  ) : (
                    <button type="button" onClick={() => setConfirming(agent.id)}>
                      Desactivar
                    </button>
                  )}
                  {renaming === agent.id && (
                    <RenameAgent
                      agent={agent}
                      onCancel={() => setRenaming(null)}
                      onRename={(name) => {
                        setRenaming(null);
                        void update(agent, { name }, `${agent.name} ahora se llama ${name}.`);
                      }}
                    />
                  )}
                  {resetting === agent.id && (
                    <PasswordReset
                      agent={agent}
                      onCancel={() => setResetting(null)}
                      onDone={(text) => {
                        setResetting(null);
                        setNotice({ error: false, text });
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form class="new-agent panel-form" onSubmit={(event) => void create(event)}>
        <h3>Nuevo agente</h3>
        <label>
          Nombre <input required value={form.name} onInput={field('name')} />
        </label>
        <label>
          Correo <input type="email" required value={form.email} onInput={field('email')} />
        </label>
        <label>
          Contraseña inicial (mínimo 10 caracteres) <input type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} value={form.password} onInput={field('password')} />
        </label>
        <label>
          Nivel
          <select value={form.tier} onChange={field('tier')}>
            {Object.entries(TIER_LABEL).map(([tier, label]) => (
              <option key={tier} value={tier}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rol
          <select value={form.role} onChange={field('role')}>
            <option value="agent">Agente</option>
            <option value="admin">Administrador</option>
          </select>
        </label>
        <ErrorLine message={error} />
        <button type="submit" class="primary">
          Crear agente
        </button>
      </form>
    </main>
  );
}
