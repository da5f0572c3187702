import { useEffect, useRef, useState } from 'preact/hooks';
import { AdminPageLink } from './admin-page-link.js';
import { AgentsPage } from './agents-page.js';
import { AlertSettings } from './alert-settings.js';
import { alertPlan, isLoud, loadAlertPreferences, titleWithCount, type AlertPreferences } from './alert-preferences.js';
import { beep, notify } from './alert-signals.js';
import { api, isOwnChange, session } from './api.js';
import { CallsPage } from './calls-page.js';
import { CannedPage } from './canned-page.js';
import { IncidentsBanner, useUnresolvedIncidents } from './incidents-banner.js';
import { IncidentsPage } from './incidents-page.js';
import { SEVERITY_LABEL } from './labels.js';
import { LiveUpdates, type SlaAlert } from './live-updates.js';
import { LoginPage } from './login-page.js';
import { MaintenancePage } from './maintenance-page.js';
import { ReportsPage } from './reports-page.js';
import { borrowSession, signOutEverywhere } from './session.js';
import { ShortcutHelp, useShortcuts } from './shortcut-keys.js';
import { isTypingTarget } from './shortcuts.js';
import { TicketList } from './ticket-list.js';
import { TicketView } from './ticket-view.js';
import type { Me, TicketDetail } from './types.js';
import { readLocation, writeLocation, type Filters, type InboxLocation, type Page } from './url-state.js';

const PAGE_TABS: Array<[Page, string, boolean]> = [
  ['tickets', 'Tickets', false],
  ['incidents', 'Incidentes', false],
  ['calls', 'Llamadas', false],
  ['reports', 'Reportes', false],
  ['maintenance', 'Mantenimiento', false],
  ['canned', 'Respuestas', true],
  ['agents', 'Agentes', true],
];
const ALERT_TEXT: Record<string, string> = {
  attention_at_risk: 'atención en riesgo (75 % del plazo)',
  attention_breached: 'venció el plazo de atención',
  solution_at_risk: 'solución en riesgo (75 % del plazo)',
  solution_breached: 'venció el plazo de solución; se escaló al siguiente nivel',
  new_loud: 'ticket nuevo de severidad alta',
};
const TITLE = 'Ventanilla · Soporte Interfactura';

/** What is new since the agent last looked: a new ticket, or new messages on one they have not opened. */
export type Fresh = Map<string, 'created' | 'message'>;

/** inbox.css's one-column layout, in which the list and the open ticket take turns on screen. */
const ONE_COLUMN = '(max-width: 760px)';

/** Moves the focus to an element, scrolling it into view (skip links, back to the list). */
const focusOn = (selector: string): void => {
  const target = document.querySelector<HTMLElement>(selector);
  target?.focus();
};

/** The agents' unified inbox: sign in, then tickets from every channel in one list. */
export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const [place, setPlace] = useState<InboxLocation>(() => readLocation(location.hash));
  const [alerts, setAlerts] = useState<SlaAlert[]>([]);
  const [live, setLive] = useState<LiveUpdates | null>(null);
  const [fresh, setFresh] = useState<Fresh>(new Map());
  const [preferences, setPreferences] = useState<AlertPreferences | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [help, setHelp] = useState(false);
  const [sessionEnded, setSessionEnded] = useState(false);
  // null while the first connection is being made: only a lost connection is worth a notice.
  const [connected, setConnected] = useState<boolean | null>(null);
  const placeRef = useRef(place);
  placeRef.current = place;
  const preferencesRef = useRef(preferences);
  preferencesRef.current = preferences;

  // A new tab borrows the session of an open one (session.ts), then checks it.
  useEffect(() => {
    // Refused mid-work (expired, password changed, signed out from the server): say so at sign-in.
    session.onUnauthorized(() => {
      setSessionEnded(true);
      setMe(null);
    });
    const stop = session.onSignedOutElsewhere(() => setMe(null));
    void borrowSession().then(async (token) => {
      if (token) await api<Me>('GET', '/api/auth/me').then(setMe, () => setMe(null));
      setChecking(false);
    });
    return stop;
  }, []);

  useEffect(() => {
    if (!me || !session.token) return;
    setPreferences(loadAlertPreferences(localStorage, me.id));
    const updates = new LiveUpdates(session.token);
    setLive(updates);
    return () => {
      updates.close();
      setLive(null);
    };
  }, [me]);

  // The fragment follows what is shown: a new entry for a ticket or page (the back button returns), filters in place.
  const shown = useRef(place);
  useEffect(() => {
    const hash = writeLocation(place);
    if (hash === location.hash || (hash === '' && location.hash === '')) return;
    const url = hash || `${location.pathname}${location.search}`;
    const moved = shown.current.ticket !== place.ticket || shown.current.page !== place.page || shown.current.incident !== place.incident;
    if (moved) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    shown.current = place;
  }, [place]);
  useEffect(() => {
    const follow = () => {
      shown.current = readLocation(location.hash);
      setPlace(shown.current);
    };
    window.addEventListener('popstate', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, []);

  const { incidents, reload: reloadIncidents } = useUnresolvedIncidents(live);
  const openIncident = (id: string | null) => setPlace((current) => ({ ...current, page: 'incidents', ...(id ? { incident: id } : { incident: undefined }) }));

  const createdCount = [...fresh.values()].filter((kind) => kind === 'created').length;
  useEffect(() => {
    document.title = titleWithCount(TITLE, createdCount, preferences?.title ?? true);
  }, [createdCount, preferences]);

  const open = (number: string | null) => {
    setPlace((current) => ({ ...current, page: 'tickets', ticket: number, incident: undefined }));
    // One column: the list (and the row that had focus) is hidden, so focus goes to the ticket shown.
    if (number && window.matchMedia(ONE_COLUMN).matches) setTimeout(() => focusOn('#ticket-detail'), 0);
    if (number) {
      setFresh((current) => {
        if (!current.has(number)) return current;
        const next = new Map(current);
        next.delete(number);
        return next;
      });
    }
  };

  useEffect(() => live?.onAlert((alert) => setAlerts((current) => [alert, ...current].slice(0, 5))), [live]);
  useEffect(() => {
    setConnected(live?.connected ? true : null);
    return live?.onConnection(setConnected);
  }, [live]);

  // New tickets and messages: marked in the list, counted in the title, and announced as the agent chose.
  useEffect(
    () =>
      live?.onChange((change) => {
        if (change.kind !== 'created' && change.kind !== 'message') return;
        // What the agent is looking at, or just did, is not news to them.
        if (change.number === placeRef.current.ticket || isOwnChange(change.number)) return;
        setFresh((current) => new Map(current).set(change.number, current.get(change.number) === 'created' ? 'created' : (change.kind as 'created' | 'message')));
        if (change.kind === 'created') void announce(change.number);
      }),
    [live],
  );

  const announce = async (number: string) => {
    const ticket = await api<TicketDetail>('GET', `/api/tickets/${number}`).catch(() => null);
    if (!ticket) return;
    const plan = alertPlan(preferencesRef.current ?? loadAlertPreferences(localStorage, ''), ticket.severity);
    const severity = SEVERITY_LABEL[ticket.severity] ?? `Sev ${ticket.severity}`;
    setAnnouncement(`Nuevo ticket ${number} (${severity}): ${ticket.subject || 'sin asunto'}`);
    if (plan.sound !== 'none') beep(plan.sound);
    if (plan.desktop) notify(`Nuevo ticket ${number} · ${severity}`, ticket.subject || 'sin asunto', isLoud(ticket.severity), () => open(number));
    if (isLoud(ticket.severity)) setAlerts((current) => [{ number, kind: 'new_loud' }, ...current].slice(0, 5));
  };

  // The live connection was refused (session ended): the API's 401 to this check signs the agent out.
  useEffect(() => live?.onUnauthorized(() => void api<Me>('GET', '/api/auth/me').catch(() => undefined)), [live]);

  useShortcuts(Boolean(me && live), {
    help: () => setHelp((shownNow) => !shownNow),
    back: () => {
      if (help) setHelp(false);
      // Esc in a field only leaves the field: going back would throw away what the agent wrote.
      else if (isTypingTarget(document.activeElement as HTMLElement | null)) (document.activeElement as HTMLElement).blur();
      else if (placeRef.current.ticket) {
        const number = placeRef.current.ticket;
        open(null);
        setTimeout(() => focusOn(`.ticket-row[data-number="${number}"]`), 0);
      }
    },
  });

  if (checking) return <p class="loading">Cargando…</p>;
  if (!me || !live || !preferences) {
    return (
      <LoginPage
        notice={sessionEnded ? 'Tu sesión terminó (expiró, cambió tu contraseña o se cerró). Vuelve a entrar: lo que estabas escribiendo sigue en su ticket.' : null}
        onSignedIn={(agent) => {
          setSessionEnded(false);
          setMe(agent);
        }}
      />
    );
  }

  const signOut = () => {
    // The server refuses this session's token from now on (a copy of it anywhere stops working too);
    // the tabs forget it at once whatever the answer.
    void api('POST', '/api/auth/logout').catch(() => undefined);
    signOutEverywhere();
    setMe(null);
  };
  const setFilters = (filters: Filters) => setPlace((current) => ({ ...current, filters }));
  const page = place.page === 'agents' || place.page === 'canned' ? (me.role === 'admin' ? place.page : 'tickets') : place.page;

  return (
    <div class="shell" data-live={connected ? 'connected' : 'connecting'}>
      <nav class="skip-links" aria-label="Saltar">
        {page === 'tickets' ? (
          <>
            <a href="#lista" onClick={(event) => (event.preventDefault(), focusOn('#ticket-list'))}>
              Saltar a la lista de tickets
            </a>
            <a href="#detalle" onClick={(event) => (event.preventDefault(), focusOn('#ticket-detail'))}>
              Saltar al ticket abierto
            </a>
          </>
        ) : (
          <a href="#contenido" onClick={(event) => (event.preventDefault(), focusOn('#main-content'))}>
            Saltar al contenido
          </a>
        )}
      </nav>
      <header class="topbar">
        <h1>
          Ventanilla<span class="wide-only"> · Soporte Interfactura</span>
        </h1>
        <nav aria-label="Secciones" class="sections">
          {PAGE_TABS.filter(([, , adminOnly]) => !adminOnly || me.role === 'admin').map(([key, label]) => (
            <button key={key} type="button" class={page === key ? 'tab active' : 'tab'} aria-current={page === key ? 'page' : undefined} onClick={() => setPlace((current) => ({ ...current, page: key, incident: undefined }))}>
              {label}
              {key === 'incidents' && incidents.length > 0 ? ` (${incidents.length})` : ''}
            </button>
          ))}
        </nav>
        <span class="me">
          {/* An administrator sees every tier; its own tier only says where its tickets start. */}
          {me.name} · {me.role === 'admin' ? 'Administrador' : me.tier}
        </span>
        {me.role === 'admin' && <AdminPageLink label="Colas" url="/admin/queues/" what="el tablero de colas" />}
        {me.role === 'admin' && <AdminPageLink label="API" url="/api/docs" what="la documentación de la API" />}
        <AlertSettings me={me} preferences={preferences} onChange={setPreferences} />
        <button type="button" class="link" onClick={() => setHelp(true)} aria-label="Atajos de teclado (?)">
          Atajos
        </button>
        <button type="button" class="link sign-out" onClick={signOut}>
          Cerrar sesión
        </button>
      </header>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {connected === false && (
        <p class="offline" role="status">
          Sin conexión en vivo: reconectando… La lista se actualiza en cuanto vuelva.
        </p>
      )}
      {alerts.length > 0 && (
        <div class="alerts" role="alert">
          {alerts.map((alert, index) => (
            <button
              key={`${alert.number}-${alert.kind}-${index}`}
              type="button"
              class={`alert alert-${alert.kind}`}
              onClick={() => {
                open(alert.number);
                setAlerts((current) => current.filter((other) => other !== alert));
              }}
            >
              {alert.number}: {ALERT_TEXT[alert.kind] ?? alert.kind}
            </button>
          ))}
          <button type="button" class="link" onClick={() => setAlerts([])}>
            Descartar
          </button>
        </div>
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {page === 'agents' ? (
        <AgentsPage me={me} onMeChanged={setMe} />
      ) : page === 'canned' ? (
        <CannedPage />
      ) : page === 'calls' ? (
        <CallsPage me={me} />
      ) : page === 'reports' ? (
        <ReportsPage />
      ) : page === 'maintenance' ? (
        <MaintenancePage me={me} />
      ) : page === 'incidents' ? (
        <IncidentsPage me={me} selected={place.incident ?? null} onSelect={openIncident} onOpenTicket={open} onChanged={reloadIncidents} onDismissed={() => open(null)} />
      ) : (
        <>
        <IncidentsBanner incidents={incidents} onOpen={openIncident} />
        <main class={place.ticket ? 'workspace showing-detail' : 'workspace'}>
          <TicketList me={me} live={live} selected={place.ticket} onSelect={open} filters={place.filters} onFilters={setFilters} fresh={fresh} />
          {place.ticket ? (
            <TicketView key={place.ticket} number={place.ticket} me={me} live={live} onSelect={open} onBack={() => open(null)} />
          ) : (
            <section class="empty" id="ticket-detail" tabIndex={-1} aria-label="Ticket abierto">
              <p>Elige un ticket de la lista.</p>
              <p class="hint">
                Atajos: <kbd>j</kbd>/<kbd>k</kbd> para moverte, <kbd>Enter</kbd> para abrir, <kbd>?</kbd> para verlos todos.
              </p>
            </section>
          )}
        </main>
        </>
      )}
    </div>
  );
}
