import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address as TRUST_PROXY says to read it: with 0 the socket's own peer; with N, the
 * address N proxies away in X-Forwarded-For (Express's `trust proxy` uses the same rule for HTTP,
 * this applies it to socket.io handshakes). Anything further left in the header was written by the
 * client and is never believed.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  return proxyaddr(request, (_address, hop) => hop < trustedProxies);
}
