import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { TIER_LABEL } from './labels.js';
import type { Agent } from './types.js';

/** Administrators: create agents, change their tier or role, deactivate them. */
export function AgentsPage() {
  const [agents, setAgents] = useState<Agent[]>([]);
  const [form, setForm] = useState({ name: '', email: '', password: '', tier: 'L1', role: 'agent' });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => setAgents((await api<{ items: Agent[] }>('GET', '/api/agents')).items), []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/agents', form);
      setForm({ name: '', email: '', password: '', tier: 'L1', role: 'agent' });
      await load();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'No se pudo crear el agente.');
    }
  };

  const update = async (agent: Agent, patch: Partial<Agent>) => {
    await api('PATCH', `/api/agents/${agent.id}`, patch);
    await load();
  };

  const field = (name: keyof typeof form) => (event: Event) => setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  return (
    <main class="agents">
      <h2>Agentes</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Correo</th>
            <th scope="col">Nivel</th>
            <th scope="col">Rol</th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id}>
              <td>{agent.name}</td>
              <td>{agent.email}</td>
              <td>
                <select aria-label={`Nivel de ${agent.name}`} value={agent.tier} onChange={(event) => void update(agent, { tier: event.currentTarget.value as Agent['tier'] })}>
                  {Object.entries(TIER_LABEL).map(([tier, label]) => (
                    <option key={tier} value={tier}>
                      {label}
                    </option>
                  ))}
                </select>
              </td>
              <td>{agent.role === 'admin' ? 'Administrador' : 'Agente'}</td>
              <td>
                <button type="button" onClick={() => void update(agent, { active: !agent.active })}>
                  {agent.active ? 'Desactivar' : 'Activar'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="new-agent" onSubmit={(event) => void create(event)}>
        <h3>Nuevo agente</h3>
        <label>
          Nombre <input required value={form.name} onInput={field('name')} />
        </label>
        <label>
          Correo <input type="email" required value={form.email} onInput={field('email')} />
        </label>
        <label>
          Contraseña inicial (mínimo 10 caracteres) <input type="password" required minLength={10} value={form.password} onInput={field('password')} />
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
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Crear agente</button>
      </form>
    </main>
  );
}
