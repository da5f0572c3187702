import { useEffect, useState } from 'preact/hooks';
import { AgentsPage } from './agents-page.js';
import { api, session } from './api.js';
import { LiveUpdates } from './live-updates.js';
import { LoginPage } from './login-page.js';
import { TicketList } from './ticket-list.js';
import { TicketView } from './ticket-view.js';
import type { Me } from './types.js';

/** The agents' unified inbox: sign in, then tickets from every channel in one list. */
export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(session.token));
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(location.hash.slice(1)).get('ticket'));
  const [page, setPage] = useState<'tickets' | 'agents'>('tickets');
  const [live, setLive] = useState<LiveUpdates | null>(null);

  useEffect(() => {
    session.onUnauthorized(() => setMe(null));
    if (!session.token) return;
    api<Me>('GET', '/api/auth/me')
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    if (!me || !session.token) return;
    const updates = new LiveUpdates(session.token);
    setLive(updates);
    return () => updates.close();
  }, [me]);

  useEffect(() => {
    location.hash = selected ? `ticket=${selected}` : '';
  }, [selected]);

  if (checking) return <p class="loading">Cargando…</p>;
  if (!me || !live) return <LoginPage onSignedIn={setMe} />;

  const signOut = () => {
    session.token = null;
    setMe(null);
  };

  return (
    <div class="shell">
      <header class="topbar">
        <h1>Ventanilla · Soporte Interfactura</h1>
        <nav aria-label="Secciones">
          <button type="button" class={page === 'tickets' ? 'tab active' : 'tab'} onClick={() => setPage('tickets')}>
            Tickets
          </button>
          {me.role === 'admin' && (
            <button type="button" class={page === 'agents' ? 'tab active' : 'tab'} onClick={() => setPage('agents')}>
              Agentes
            </button>
          )}
        </nav>
        <span class="me">
          {me.name} · {me.tier}
          {me.role === 'admin' ? ' · admin' : ''}
        </span>
        <button type="button" class="link" onClick={signOut}>
          Cerrar sesión
        </button>
      </header>
      {page === 'agents' ? (
        <AgentsPage />
      ) : (
        <main class="workspace">
          <TicketList me={me} live={live} selected={selected} onSelect={setSelected} />
          {selected ? (
            <TicketView key={selected} number={selected} me={me} live={live} onSelect={setSelected} />
          ) : (
            <section class="empty">Elige un ticket de la lista.</section>
          )}
        </main>
      )}
    </div>
  );
}
