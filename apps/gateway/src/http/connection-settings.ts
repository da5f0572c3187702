import type { ListenOptions } from 'node:net';
import type { Server } from 'node:http';

/**
 * Idle kept-alive connections stay open longer than a load balancer's idle timeout (60 s on the
 * common ones) and a client's pool: when the server closes a connection the other side is reusing
 * at that moment, the request on it is reset. Node's default of 5 s did that to webhooks in bursts.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Node wants the headers timeout above the keep-alive one. */
const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;

/**
 * Connections waiting to be accepted while the event loop is busy: a burst of webhooks opens them
 * faster than a busy gateway accepts them, and past Node's default of 511 the kernel drops them (it
 * caps the number at `net.core.somaxconn`).
 */
const ACCEPT_BACKLOG = 4_096;

/** Applies the connection settings above to the gateway's HTTP server, before it listens. */
export function applyConnectionSettings(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
}

/** What to listen on: Nest passes it on to Node's `server.listen`, which takes the backlog this way. */
export function listenOptions(port: number): ListenOptions {
  return { port, backlog: ACCEPT_BACKLOG };
}
