import { io, type Socket } from 'socket.io-client';
import { eventually } from './eventually.js';

/** Opens a socket.io connection to `namespace` and says how the server answered: `connected` or its refusal. */
export function socketAnswer(baseUrl: string, namespace: string, token?: string): Promise<string> {
  const socket = io(`${baseUrl}${namespace}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: token ? { token } : {} });
  return new Promise((resolve) => {
    const timer = setTimeout(() => done('no answer'), 10_000);
    function done(answer: string): void {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    }
    socket.on('connect', () => done('connected'));
    socket.on('connect_error', (error) => done(`refused: ${error.message}`));
  });
}

/** A signed-in agent's live connection (`/agents`) that records what it receives and how it ends. */
export class AgentSocketClient {
  readonly received: Array<{ event: string; payload: Record<string, unknown> }> = [];
  readonly disconnects: string[] = [];
  readonly refusals: string[] = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: Record<string, unknown>) => this.received.push({ event, payload }));
    socket.on('disconnect', (reason) => this.disconnects.push(reason));
    socket.on('connect_error', (error) => this.refusals.push(error.message));
  }

  static async connect(baseUrl: string, token: string): Promise<AgentSocketClient> {
    const client = new AgentSocketClient(io(`${baseUrl}/agents`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } }));
    await eventually(() => client.socket.connected, { what: 'the /agents connection' });
    return client;
  }

  /** Connects again, as the inbox does after the server ended its connection. */
  async reconnect(): Promise<boolean> {
    this.socket.connect();
    await eventually(() => this.socket.connected || this.refusals.length > 0, { what: 'an answer to the reconnection' });
    return this.socket.connected;
  }

  changesOf(number: string): Array<Record<string, unknown>> {
    return this.received.filter((received) => received.event === 'ticket:changed' && received.payload.number === number).map((received) => received.payload);
  }

  close(): void {
    this.socket.close();
  }
}
