import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ChatEntry, ChatSession, ChatStatus } from '../../libs/channels/src/chat/chat-protocol.js';
import { eventually } from './eventually.js';

export interface ReceivedEvent {
  event: string;
  payload: Record<string, unknown>;
  /** `performance.now()` when it arrived (waiting polls; this is when it really came). */
  at: number;
}

/** A real socket.io-client connection to a gateway's `/chat` namespace that records every event it gets. */
export class ChatTestClient {
  readonly received: ReceivedEvent[] = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: Record<string, unknown>) => this.received.push({ event, payload, at: performance.now() }));
  }

  /** Connects (websocket only) and waits for the server's `chat:session` (closing the socket if it never comes). */
  static async connect(baseUrl: string, options: { token?: string; origin?: string; timeoutMs?: number } = {}): Promise<ChatTestClient> {
    const socket = io(`${baseUrl}/chat`, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: options.token ? { token: options.token } : {},
      ...(options.origin ? { extraHeaders: { Origin: options.origin } } : {}),
    });
    const client = new ChatTestClient(socket);
    try {
      await client.waitFor('chat:session', () => true, options.timeoutMs);
    } catch (error) {
      socket.close();
      throw error;
    }
    return client;
  }

  /** Connection refused (e.g. origin): resolves with the error message. */
  static refusal(baseUrl: string, origin: string): Promise<string> {
    const socket = io(`${baseUrl}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { Origin: origin } });
    return new Promise((resolve) => {
      socket.on('connect_error', (error) => {
        socket.close();
        resolve(error.message);
      });
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
    });
  }

  get session(): ChatSession {
    return this.received.find((received) => received.event === 'chat:session')!.payload as unknown as ChatSession;
  }

  get statuses(): ChatStatus[] {
    return this.events('chat:status') as unknown as ChatStatus[];
  }

  /** Uses this token when socket.io reconnects on its own. */
  useToken(token: string): void {
    this.socket.auth = { token };
  }

  request<T = Record<string, unknown>>(event: string, payload: unknown): Promise<T> {
    return this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
  }

  start(fields: { name: string; email: string; message: string; rfc?: string; clientId?: string }) {
    return this.request<{ conversationId: string; token: string; seq: number; entry: ChatEntry; error?: string }>('chat:start', { clientId: newClientId(), ...fields });
  }

  message(text: string, clientId = newClientId()) {
    return this.request<{ ok?: true; seq?: number; error?: string; message?: string }>('chat:message', { text, clientId });
  }

  async sync(afterSeq: number): Promise<ChatEntry[]> {
    const ack = await this.request<{ entries: ChatEntry[]; error?: string }>('chat:sync', { afterSeq });
    if (ack.error) throw new Error(`chat:sync failed: ${ack.error}`);
    return ack.entries;
  }

  events(event: string): Array<Record<string, unknown>> {
    return this.received.filter((received) => received.event === event).map((received) => received.payload);
  }

  waitFor(event: string, predicate: (payload: Record<string, unknown>) => boolean = () => true, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    return eventually(() => this.events(event).find(predicate), { timeoutMs, what: `${event} on the chat client` });
  }

  close(): void {
    this.socket.close();
  }
}

export const newClientId = (): string => randomUUID();
