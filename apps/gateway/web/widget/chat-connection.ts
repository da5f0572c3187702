import { io, type Socket } from 'socket.io-client';
import {
  CHAT_EVENTS,
  CHAT_FILES_PATH,
  CHAT_NAMESPACE,
  CHAT_TOKEN_HEADER,
  type ChatFileAck,
  type AgentTypingPayload,
  type ChatEntry,
  type ChatErrorAck,
  type ChatSession,
  type ChatStatus,
  type ChatSyncAck,
} from '@shared/channels/chat/chat-protocol.js';
import { ConversationStore, type PendingRequest, type StoredConversation } from './conversation-store.js';
import { Transcript } from './transcript.js';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface ConnectionListener {
  entry(entry: ChatEntry): void;
  pendingChanged(pending: readonly PendingRequest[]): void;
  failed(request: PendingRequest, error: ChatErrorAck): void;
  online(online: boolean): void;
  status(status: ChatStatus): void;
  typing(typing: AgentTypingPayload): void;
  /** The stored conversation is gone (unknown token): show the start form again. */
  lost(): void;
}

/**
 * The widget's side of the protocol. Requests wait in a persisted queue and are sent one at a
 * time, in order, until acknowledged (a retransmission carries the same client id, so the server
 * stores it once). Server entries carry a sequence; a hole or a reconnection triggers a resync.
 */
export class ChatConnection {
  readonly transcript = new Transcript();
  private readonly store: ConversationStore;
  private state: StoredConversation;
  private socket?: Socket;
  private flushing = false;
  private syncing = false;
  private retryDelay = RETRY_MIN_MS;

  constructor(
    private readonly server: string,
    private readonly listener: ConnectionListener,
  ) {
    this.store = new ConversationStore(server);
    this.state = this.store.load();
  }

  get hasConversation(): boolean {
    return Boolean(this.state.token) || this.state.pending.some((request) => request.kind === 'start');
  }

  get pending(): readonly PendingRequest[] {
    return this.state.pending;
  }

  get email(): string | undefined {
    return this.state.email;
  }

  connect(): void {
    if (this.socket) return;
    const socket = io(`${this.server}${CHAT_NAMESPACE}`, {
      // Read on every (re)connection: the token arrives with the first ack.
      auth: (send) => send(this.state.token ? { token: this.state.token } : {}),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.retryDelay = RETRY_MIN_MS;
      this.listener.online(true);
    });
    socket.on('disconnect', () => this.listener.online(false));
    socket.on('connect_error', () => {
      this.listener.online(false);
      // Refused by the server (not a network failure): socket.io does not retry on its own.
      if (!socket.active) window.setTimeout(() => socket.connect(), this.nextRetryDelay());
    });
    socket.on(CHAT_EVENTS.session, (session: ChatSession) => this.onSession(session));
    socket.on(CHAT_EVENTS.status, (status: ChatStatus) => this.listener.status(status));
    socket.on(CHAT_EVENTS.agentTyping, (typing: AgentTypingPayload) => this.listener.typing(typing));
    for (const event of [CHAT_EVENTS.confirmed, CHAT_EVENTS.agentMessage, CHAT_EVENTS.customerMessage, CHAT_EVENTS.surveyRequest]) {
      socket.on(event, (entry: ChatEntry) => this.receive([entry]));
    }
  }

  start(request: Omit<Extract<PendingRequest, { kind: 'start' }>, 'kind' | 'clientId'>): void {
    this.state = { pending: [{ kind: 'start', clientId: newClientId(), ...request }], email: request.email };
    this.transcript.clear();
    this.persist();
    this.connect();
    void this.flush();
  }

  send(text: string): void {
    this.state.pending.push({ kind: 'message', clientId: newClientId(), text });
    this.persist();
    void this.flush();
  }

  /** Forgets the conversation in this browser (a shared computer, a new topic). */
  forget(): void {
    this.state = { pending: [] };
    this.transcript.clear();
    this.persist();
    this.socket?.disconnect();
    this.socket = undefined;
  }

  private onSession(session: ChatSession): void {
    if (session.state === 'new' && session.reason === 'invalid_token') {
      this.state = { pending: this.state.pending.filter((request) => request.kind === 'start') };
      this.transcript.clear();
      this.persist();
      this.listener.lost();
    }
    if (session.state === 'resumed') void this.sync();
    void this.flush();
  }

  /** Sends the queued requests, oldest first, each until it is acknowledged or refused for good. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.socket?.connected && this.state.pending.length > 0) {
        const request = this.state.pending[0]!;
        const ack = await this.request<{ token?: string; conversationId?: string; seq?: number; entry?: ChatEntry }>(
          request.kind === 'start' ? CHAT_EVENTS.start : CHAT_EVENTS.message,
          request.kind === 'start'
            ? { name: request.name, email: request.email, rfc: request.rfc, message: request.text, clientId: request.clientId }
            : { text: request.text, clientId: request.clientId },
        );
        if (ack === undefined) continue; // no answer (timeout, disconnected): send it again
        if ('error' in ack) {
          if (ack.retryable) {
            await delay(ack.retryAfterMs ?? this.nextRetryDelay());
            continue;
          }
          this.listener.failed(request, ack);
        } else if (request.kind === 'start') {
          this.state.token = ack.token;
          this.state.conversationId = ack.conversationId;
        }
        this.state.pending.shift();
        this.persist();
        // A new conversation's first message comes back in the start's answer, not as an event.
        if (!('error' in ack) && ack.entry) this.receive([ack.entry]);
        // Its echo may have gone out before this tab was in the conversation's room (or, from a
        // gateway of before, a start's answer may lack it): fetch it.
        if (!('error' in ack) && !this.transcript.hasClientMessage(request.clientId)) void this.sync();
      }
    } finally {
      this.flushing = false;
    }
    if (this.transcript.hasGap) void this.sync();
  }

  /**
   * Sends a file into the conversation over HTTP (socket.io messages are small); it comes back as a
   * transcript entry like a typed message. Not queued: the customer sees at once if it failed.
   */
  async upload(file: File): Promise<ChatFileAck> {
    if (!this.state.token) return { ok: false, code: 'no_conversation', message: '' };
    const form = new FormData();
    form.set('clientId', newClientId());
    form.set('file', file, file.name);
    try {
      const response = await fetch(`${this.server}${CHAT_FILES_PATH}`, { method: 'POST', headers: { [CHAT_TOKEN_HEADER]: this.state.token }, body: form });
      const answer = (await response.json().catch(() => ({}))) as Partial<ChatFileAck> & { code?: string; message?: string };
      if (response.ok && answer.ok) {
        void this.sync();
        return answer as ChatFileAck;
      }
      return { ok: false, code: answer.code ?? `http_${response.status}`, message: typeof answer.message === 'string' ? answer.message : '' };
    } catch {
      return { ok: false, code: 'network', message: '' };
    }
  }

  /** Asks for every entry after the last one held without holes. */
  private async sync(): Promise<void> {
    if (this.syncing || !this.state.token) return;
    this.syncing = true;
    try {
      for (;;) {
        const ack = await this.request<ChatSyncAck>(CHAT_EVENTS.sync, { afterSeq: this.transcript.contiguousSeq });
        if (!ack || 'error' in ack) return;
        this.receive(ack.entries, false);
        if (!ack.more) return;
      }
    } finally {
      this.syncing = false;
    }
  }

  private receive(entries: ChatEntry[], checkGap = true): void {
    for (const entry of entries) if (this.transcript.add(entry)) this.listener.entry(entry);
    this.listener.pendingChanged(this.state.pending);
    if (checkGap && this.transcript.hasGap) void this.sync();
  }

  private async request<T extends object>(event: string, payload: object): Promise<T | ChatErrorAck | undefined> {
    const socket = this.socket;
    if (!socket?.connected) return undefined;
    try {
      return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as T | ChatErrorAck;
    } catch {
      return undefined;
    }
  }

  private persist(): void {
    this.store.save(this.state);
    this.listener.pendingChanged(this.state.pending);
  }

  private nextRetryDelay(): number {
    const current = this.retryDelay;
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    return current;
  }
}

/** 128 random bits; getRandomValues works on plain-http pages too (randomUUID does not). */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}
