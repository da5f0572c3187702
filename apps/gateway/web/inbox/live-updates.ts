import { io, type Socket } from 'socket.io-client';

export interface Viewer {
  id: string;
  name: string;
}

type ChangeListener = (change: { number: string; kind: string }) => void;

/** An SLA warning or breach on a ticket this agent's tier sees. */
export interface SlaAlert {
  number: string;
  kind: string;
}

/**
 * The inbox's live connection (socket.io namespace /agents): changes of tickets this agent may see,
 * and who else is looking at or typing on a ticket. On reconnect, listeners are told to reload,
 * since changes may have been missed meanwhile.
 */
export class LiveUpdates {
  private readonly socket: Socket;
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly viewerListeners = new Set<(number: string, viewers: Viewer[]) => void>();
  private readonly typingListeners = new Set<(number: string, agent: Viewer) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private readonly alertListeners = new Set<(alert: SlaAlert) => void>();
  private readonly unauthorizedListeners = new Set<() => void>();
  private watching: string | null = null;
  private lastTypingSent = 0;

  constructor(token: string) {
    this.socket = io('/agents', { auth: { token }, transports: ['websocket', 'polling'] });
    this.socket.on('connect', () => {
      this.connectionListeners.forEach((listener) => listener(true));
      if (this.watching) this.socket.emit('ticket:watch', { number: this.watching });
      this.changeListeners.forEach((listener) => listener({ number: '*', kind: 'reconnected' }));
    });
    this.socket.on('disconnect', (reason) => {
      this.connectionListeners.forEach((listener) => listener(false));
      // The server ends an agent's connections when the account changes (tier, role, password):
      // come back at once; the handshake then joins the new rooms, or is refused (below).
      if (reason === 'io server disconnect') this.socket.connect();
    });
    // Refused: the session ended (password changed, deactivated, expired). The next API call gets
    // the 401 that signs the agent out.
    this.socket.on('connect_error', (error: Error) => {
      if (error.message === 'unauthorized') this.unauthorizedListeners.forEach((listener) => listener());
    });
    this.socket.on('ticket:changed', (change: { number: string; kind: string }) => this.changeListeners.forEach((listener) => listener(change)));
    this.socket.on('ticket:viewers', ({ number, viewers }: { number: string; viewers: Viewer[] }) =>
      this.viewerListeners.forEach((listener) => listener(number, viewers)),
    );
    this.socket.on('sla:alert', (alert: SlaAlert) => this.alertListeners.forEach((listener) => listener(alert)));
    this.socket.on('ticket:typing', ({ number, agent }: { number: string; agent: Viewer }) =>
      this.typingListeners.forEach((listener) => listener(number, agent)),
    );
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onViewers(listener: (number: string, viewers: Viewer[]) => void): () => void {
    this.viewerListeners.add(listener);
    return () => this.viewerListeners.delete(listener);
  }

  onTyping(listener: (number: string, agent: Viewer) => void): () => void {
    this.typingListeners.add(listener);
    return () => this.typingListeners.delete(listener);
  }

  onAlert(listener: (alert: SlaAlert) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  watch(number: string | null): void {
    this.watching = number;
    this.socket.emit('ticket:watch', { number });
  }

  /**
   * Tells colleagues on the same ticket that this agent is typing (at most every 2 s), and, for a
   * reply on a chat ticket, the customer's widget too (never for an internal note).
   */
  typing(toCustomer: boolean): void {
    if (Date.now() - this.lastTypingSent < 2_000) return;
    this.lastTypingSent = Date.now();
    this.socket.emit('ticket:typing', { toCustomer });
  }

  close(): void {
    this.socket.close();
  }
}
