import { useEffect, useState } from 'preact/hooks';
import { AgentsPage } from './agents-page.js';
import { api, session } from './api.js';
import { LiveUpdates, type SlaAlert } from './live-updates.js';
import { MaintenancePage } from './maintenance-page.js';
import { ReportsPage } from './reports-page.js';
import { LoginPage } from './login-page.js';
import { TicketList } from './ticket-list.js';
import { TicketView } from './ticket-view.js';
import type { Me } from './types.js';

type Page = 'tickets' | 'reports' | 'maintenance' | 'agents';
const PAGES: Array<[Page, string, boolean]> = [
  ['tickets', 'Tickets', false],
  ['reports', 'Reportes', false],
  ['maintenance', 'Mantenimiento', false],
  ['agents', 'Agentes', true],
];
const ALERT_TEXT: Record<string, string> = {
  attention_at_risk: 'atención en riesgo (75 % del plazo)',
  attention_breached: 'venció el plazo de atención',
  solution_at_risk: 'solución en riesgo (75 % del plazo)',
  solution_breached: 'venció el plazo de solución; se escaló al siguiente nivel',
};

/** The agents' unified inbox: sign in, then tickets from every channel in one list. */
export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(session.token));
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(location.hash.slice(1)).get('ticket'));
  const [page, setPage] = useState<Page>('tickets');
  const [alerts, setAlerts] = useState<SlaAlert[]>([]);
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

  useEffect(() => live?.onAlert((alert) => setAlerts((current) => [alert, ...current].slice(0, 5))), [live]);

  // The live connection was refused (session ended): the API's 401 to this check signs the agent out.
  useEffect(() => live?.onUnauthorized(() => void api<Me>('GET', '/api/auth/me').catch(() => undefined)), [live]);

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
          {PAGES.filter(([, , adminOnly]) => !adminOnly || me.role === 'admin').map(([key, label]) => (
            <button key={key} type="button" class={page === key ? 'tab active' : 'tab'} aria-current={page === key} onClick={() => setPage(key)}>
              {label}
            </button>
          ))}
        </nav>
        <span class="me">
          {me.name} · {me.tier}
          {me.role === 'admin' ? ' · admin' : ''}
        </span>
        <button type="button" class="link" onClick={signOut}>
          Cerrar sesión
        </button>
      </header>
      {alerts.length > 0 && (
        <div class="alerts" role="alert">
          {alerts.map((alert, index) => (
            <button key={`${alert.number}-${alert.kind}-${index}`} type="button" class={`alert alert-${alert.kind}`} onClick={() => {
              setPage('tickets');
              setSelected(alert.number);
              setAlerts((current) => current.filter((other) => other !== alert));
            }}>
              {alert.number}: {ALERT_TEXT[alert.kind] ?? alert.kind}
            </button>
          ))}
          <button type="button" class="link" onClick={() => setAlerts([])}>
            Descartar
          </button>
        </div>
      )}
      {page === 'agents' ? (
        <AgentsPage />
      ) : page === 'reports' ? (
        <ReportsPage />
      ) : page === 'maintenance' ? (
        <MaintenancePage me={me} />
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
