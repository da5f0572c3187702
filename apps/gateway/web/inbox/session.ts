/**
 * The agent's session in this browser. The token lives in sessionStorage only (never on disk, gone
 * with the tab), and a new tab of the same origin borrows it from an open, signed-in tab over a
 * BroadcastChannel: opening a `#ticket=` link or a second tab needs no password, and once every tab
 * is closed (or the agent signs out in any of them) the session is over. docs/security.md, "Sessions".
 */
import { forgetDrafts } from './drafts.js';

const TOKEN_KEY = 'ventanilla.accessToken';
const CHANNEL = 'ventanilla.session';
/** How long a new tab waits for an open tab to answer before it shows the sign-in form. */
const BORROW_WAIT_MS = 400;

type SessionMessage = { type: 'ask' } | { type: 'token'; token: string } | { type: 'signed-out' };

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
const signedOutListeners = new Set<() => void>();
let unauthorizedListener: () => void = () => undefined;

channel?.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
  const message = event.data;
  if (message?.type === 'ask' && session.token) channel.postMessage({ type: 'token', token: session.token } satisfies SessionMessage);
  if (message?.type === 'signed-out') {
    sessionStorage.removeItem(TOKEN_KEY);
    forgetDrafts();
    signedOutListeners.forEach((listener) => listener());
  }
});

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  onUnauthorized(handler: () => void): void {
    unauthorizedListener = handler;
  },
  unauthorized(): void {
    unauthorizedListener();
  },
  /** Called when the agent signed out in another tab. */
  onSignedOutElsewhere(handler: () => void): () => void {
    signedOutListeners.add(handler);
    return () => signedOutListeners.delete(handler);
  },
};

/** Asks the other open tabs for the session; resolves with its token, or null when none answers. */
export function borrowSession(): Promise<string | null> {
  if (!channel || session.token) return Promise.resolve(session.token);
  return new Promise((resolve) => {
    const listener = (event: MessageEvent<SessionMessage>) => {
      if (event.data?.type !== 'token') return;
      finish(event.data.token);
    };
    const timer = setTimeout(() => finish(null), BORROW_WAIT_MS);
    function finish(token: string | null): void {
      clearTimeout(timer);
      channel!.removeEventListener('message', listener);
      if (token) session.token = token;
      resolve(token);
    }
    channel.addEventListener('message', listener);
    channel.postMessage({ type: 'ask' } satisfies SessionMessage);
  });
}

/** Signs out in this tab and every other open tab. */
export function signOutEverywhere(): void {
  session.token = null;
  forgetDrafts();
  channel?.postMessage({ type: 'signed-out' } satisfies SessionMessage);
}
