import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { CHAT_NAMESPACE, type AgentTypingPayload, type ChatEntry } from './chat-protocol.js';

/** The room of every connection (every tab) of one conversation. */
export const conversationRoom = (conversationId: string): string => `conversation:${conversationId}`;

/**
 * Server → widget events from any process (worker or gateway), through Redis: every gateway's
 * socket.io Redis adapter delivers them to its own connections in the conversation's room.
 */
export class ChatBroadcaster {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** A transcript entry, under its own event name (`ticket:confirmed`, `agent:message`, ...). */
  entry(conversationId: string, entry: ChatEntry): Promise<void> {
    return this.publish(conversationId, entry.type, entry);
  }

  typing(conversationId: string, payload: AgentTypingPayload): Promise<void> {
    return this.publish(conversationId, 'agent:typing', payload);
  }

  private async publish(conversationId: string, event: string, payload: object): Promise<void> {
    // The emitter publishes without awaiting; hand it a client that keeps the promise, so a Redis
    // failure reaches the caller (and the delivery is retried) instead of going unnoticed.
    let published: Promise<number> | undefined;
    const client = { publish: (channel: string, message: Buffer) => (published = this.redis.publish(channel, message)) };
    new Emitter(client, { key: this.key }).of(CHAT_NAMESPACE).to(conversationRoom(conversationId)).emit(event, payload);
    await published;
  }
}
