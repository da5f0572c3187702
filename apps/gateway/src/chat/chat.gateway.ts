import { Inject, Logger, UseInterceptors, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  CHAT_EVENTS,
  CHAT_NAMESPACE,
  ChatInputError,
  ChatService,
  ChatStatusReader,
  conversationRoom,
  parseChatMessage,
  parseChatStart,
  parseChatSync,
  type ChatConversationEntity,
  type ChatErrorAck,
  type ChatMessageAck,
  type ChatSession,
  type ChatStartAck,
  type ChatStatus,
  type ChatSyncAck,
} from '@app/channels';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ConnectionPresence } from '../realtime/connection-presence.js';
import { ChatMessageLimit } from '../security/chat-message-limit.js';
import { ChatStartLimit } from '../security/chat-start-limit.js';
import { clientAddress } from '../security/client-address.js';
import { ConnectionRateLimit } from './connection-rate-limit.js';
import { SocketMetricsInterceptor } from '../metrics/socket-metrics.interceptor.js';

interface ChatSocketData {
  conversation?: ChatConversationEntity;
  /** A token was presented but matched no conversation. */
  invalidToken?: boolean;
  rateLimit: ConnectionRateLimit;
  /** The requests of one connection run one after the other, in the order they arrived. */
  queue: Promise<void>;
}

interface ServerToClientEvents {
  [CHAT_EVENTS.session]: (session: ChatSession) => void;
  [CHAT_EVENTS.status]: (status: ChatStatus) => void;
}

type ChatSocket = Socket<DefaultEventsMap, ServerToClientEvents, DefaultEventsMap, ChatSocketData>;

/**
 * The `/chat` namespace (INTERFACE.md): validates, rate-limits and hands each request to the chat
 * service; every request is answered through its ack, with `{ error }` when it fails.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
@UseInterceptors(SocketMetricsInterceptor)
export class ChatGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<ChatSocket>, OnGatewayDisconnect<ChatSocket>, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(ChatGateway.name);
  private statusTimer?: NodeJS.Timeout;
  private lastStatus?: string;
  /** Requests being worked on, so a shutdown can answer them before the sockets close. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private shuttingDown = false;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly chat: ChatService,
    private readonly status: ChatStatusReader,
    private readonly presence: ConnectionPresence,
    private readonly startLimit: ChatStartLimit,
    private readonly messageLimit: ChatMessageLimit,
  ) {}

  afterInit(namespace: Namespace): void {
    // A stored token resumes its conversation; an unknown one only means "start a new one".
    namespace.use((socket: ChatSocket, next) => {
      const { token } = (socket.handshake.auth ?? {}) as { token?: unknown };
      socket.data.rateLimit = new ConnectionRateLimit(this.config.chat.rateLimit.burst, this.config.chat.rateLimit.windowMs, Date.now());
      socket.data.queue = Promise.resolve();
      if (typeof token !== 'string' || token === '') return next();
      this.chat.resume(token).then(
        (conversation) => {
          if (conversation) socket.data.conversation = conversation;
          else socket.data.invalidToken = true;
          next();
        },
        (error: Error) => {
          this.logger.warn(`chat resume failed: ${error.message}`);
          next(Object.assign(new Error('unavailable'), { data: { retryable: true } }));
        },
      );
    });
    this.statusTimer = setInterval(() => void this.broadcastStatusChange(namespace), this.config.chat.statusIntervalMs);
    this.statusTimer.unref();
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    const { conversation, invalidToken } = socket.data;
    if (conversation) await this.bind(socket, conversation);
    const session: ChatSession = conversation
      ? { state: 'resumed', conversationId: conversation.id, lastSeq: conversation.lastSeq }
      : { state: 'new', ...(invalidToken ? { reason: 'invalid_token' as const } : {}) };
    socket.emit(CHAT_EVENTS.session, session);
    socket.emit(CHAT_EVENTS.status, await this.status.current());
  }

  async handleDisconnect(socket: ChatSocket): Promise<void> {
    await this.presence.leave(socket.id);
  }

  /**
   * SIGTERM, before Nest closes the sockets: later requests are told to send again (the widget
   * reconnects, to another gateway), and those in flight are answered, so no stored message loses
   * its ack. Their retransmission would be harmless anyway (client ids make it idempotent).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.allSettled([...this.inFlight]);
    // Let the acks of the last ones reach the sockets' write buffers, which are flushed on close.
    await new Promise((resolve) => setImmediate(resolve));
  }

  onApplicationShutdown(): void {
    clearInterval(this.statusTimer);
  }

  @SubscribeMessage(CHAT_EVENTS.start)
  start(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<ChatStartAck | ChatErrorAck> {
    return this.answer(socket, async () => {
      const input = parseChatStart(body, this.config.chat.maxTextChars);
      const verdict = await this.startLimit.consume(clientAddress(socket.request, this.config.trustProxy));
      if (!verdict.allowed) return tooManyStarts(verdict.retryAfterMs, this.config.core.supportEmail);
      const started = await this.chat.start(input, (conversation) => this.bind(socket, conversation));
      return { conversationId: started.conversation.id, token: started.token, seq: started.entry.seq, entry: started.entry };
    });
  }

  @SubscribeMessage(CHAT_EVENTS.message)
  message(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<ChatMessageAck | ChatErrorAck> {
    return this.answer(socket, async () => {
      const input = parseChatMessage(body, this.config.chat.maxTextChars);
      const conversation = socket.data.conversation;
      if (!conversation) return noConversation();
      const verdict = await this.messageLimit.consume(conversation.id);
      if (!verdict.allowed) return tooManyMessages(verdict.retryAfterMs);
      const entry = await this.chat.post(conversation, input.clientId, input.text);
      return { ok: true as const, seq: entry.seq };
    });
  }

  @SubscribeMessage(CHAT_EVENTS.sync)
  sync(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<ChatSyncAck | ChatErrorAck> {
    return this.answer(socket, async () => {
      const afterSeq = parseChatSync(body);
      const conversation = socket.data.conversation;
      if (!conversation) return noConversation();
      return this.chat.history(conversation.id, afterSeq);
    });
  }

  private async bind(socket: ChatSocket, conversation: ChatConversationEntity): Promise<void> {
    const previous = socket.data.conversation;
    if (previous && previous.id !== conversation.id) {
      await socket.leave(conversationRoom(previous.id));
      await this.presence.leave(socket.id);
    }
    socket.data.conversation = conversation;
    await socket.join(conversationRoom(conversation.id));
    await this.presence.join(socket.id, `chat:${conversation.id}`);
  }

  /**
   * Rate limit, then the work, after the connection's earlier requests (messages sent without
   * waiting for acks are still stored in the order sent); errors become an error ack.
   */
  private answer<T>(socket: ChatSocket, work: () => Promise<T | ChatErrorAck>): Promise<T | ChatErrorAck> {
    if (this.shuttingDown) {
      return Promise.resolve({ error: 'unavailable', message: 'Este servidor se está apagando; envía tu mensaje de nuevo.', retryable: true });
    }
    const allowed = socket.data.rateLimit.take(Date.now());
    if (!allowed.ok) {
      return Promise.resolve({ error: 'rate_limited', message: 'Demasiados mensajes seguidos desde esta conexión; espera un momento.', retryable: true, retryAfterMs: allowed.retryAfterMs });
    }
    const result = socket.data.queue.then(() => this.attempt(work));
    socket.data.queue = result.then(() => undefined);
    this.inFlight.add(result);
    void result.finally(() => this.inFlight.delete(result));
    return result;
  }

  private async attempt<T>(work: () => Promise<T | ChatErrorAck>): Promise<T | ChatErrorAck> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ChatInputError) return { error: error.code, message: error.message, retryable: false };
      this.logger.warn(`chat request failed: ${error instanceof Error ? error.message : String(error)}`);
      return { error: 'unavailable', message: 'No pudimos guardar tu mensaje; envíalo de nuevo.', retryable: true };
    }
  }

  private async broadcastStatusChange(namespace: Namespace): Promise<void> {
    const status: ChatStatus = await this.status.current();
    const serialized = JSON.stringify(status);
    if (serialized === this.lastStatus) return;
    this.lastStatus = serialized;
    namespace.local.emit(CHAT_EVENTS.status, status);
  }
}

function tooManyStarts(retryAfterMs: number, supportEmail: string): ChatErrorAck {
  return {
    error: 'rate_limited',
    message: `Se abrieron demasiadas conversaciones desde esta conexión; intenta más tarde o escríbenos a ${supportEmail}`,
    retryable: true,
    retryAfterMs,
  };
}

function tooManyMessages(retryAfterMs: number): ChatErrorAck {
  return { error: 'rate_limited', message: 'Demasiados mensajes seguidos en esta conversación; espera un momento.', retryable: true, retryAfterMs };
}

function noConversation(): ChatErrorAck {
  return { error: 'no_conversation', message: 'Primero inicia una conversación (chat:start) o conéctate con su token.', retryable: false };
}
