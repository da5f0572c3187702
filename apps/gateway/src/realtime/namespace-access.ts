import { CHAT_NAMESPACE } from '@app/channels';
import { AGENTS_NAMESPACE } from '@app/tickets';
import type { Namespace, Socket } from 'socket.io';
import type { AccessTokens, AgentSession } from '../auth/access-tokens.js';

/**
 * Who may connect to each socket.io namespace. Deny by default: a namespace missing here stops the
 * gateway at start-up, and the default namespace `/` (which socket.io always has) refuses everyone.
 * `public`: customers' chat (the conversation token, not an agent's, is checked by the namespace).
 * `agent`: a valid access token in `auth.token`, checked before the connection is accepted.
 */
export const NAMESPACE_ACCESS: Readonly<Record<string, 'public' | 'agent'>> = {
  [CHAT_NAMESPACE]: 'public',
  [AGENTS_NAMESPACE]: 'agent',
};

/** What the agent middleware leaves on an accepted socket. */
export interface AgentSocketSession {
  session?: AgentSession;
}

/** Socket.io answers a refused handshake with this message (`connect_error`). */
export const UNAUTHORIZED = 'unauthorized';

export const agentRoom = (agentId: string): string => `agent:${agentId}`;

/** Puts a namespace behind its access rule; throws for a namespace nobody decided on. */
export function guardNamespace(namespace: Namespace, tokens: AccessTokens): void {
  const access = NAMESPACE_ACCESS[namespace.name];
  if (access === undefined) throw new Error(`socket.io namespace ${namespace.name} has no access rule (realtime/namespace-access.ts)`);
  if (access === 'public') return;
  namespace.use((socket: Socket, next) => {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const resolved = typeof token === 'string' && token.length <= 2_048 ? tokens.resolve(token) : Promise.resolve(undefined);
    resolved.then(
      (session) => {
        if (!session) return next(new Error(UNAUTHORIZED));
        (socket.data as AgentSocketSession).session = session;
        // The token's end is the connection's end: a socket outliving its token would keep receiving.
        const timer = setTimeout(() => socket.disconnect(true), Math.max(0, session.expiresAt.getTime() - Date.now()));
        socket.once('disconnect', () => clearTimeout(timer));
        next();
      },
      () => next(Object.assign(new Error('unavailable'), { data: { retryable: true } })),
    );
  });
}

/** The default namespace serves nothing here; refuse it rather than accept idle connections. */
export function closeDefaultNamespace(namespace: Namespace): void {
  namespace.use((_socket, next) => next(new Error(UNAUTHORIZED)));
}
