import { Inject, Injectable, Logger } from '@nestjs/common';
import { INBOUND_SINK, type InboundSink } from '../contract/inbound-sink.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import type { ChatConversationEntity } from './chat-conversation.entity.js';
import { ChatConversationsRepository } from './chat-conversations.repository.js';
import { ChatInputError, type ChatStartInput } from './chat-input.js';
import type { ChatEntry, ChatSyncAck } from './chat-protocol.js';
import { firstWordsSubject } from '../contract/first-words-subject.js';
import { encodeChatRaw } from './chat-raw-message.js';
import { ChatTranscriptRepository, type NewChatEntry } from './chat-transcript.repository.js';
import { hashSecret, newChatToken } from './chat-token.js';

/** How long after a start its retransmission (same client id, same email) may still claim the conversation. */
const START_RETRY_WINDOW_MS = 10 * 60_000;
const HISTORY_PAGE = 200;

export interface StartedChat {
  conversation: ChatConversationEntity;
  token: string;
  entry: ChatEntry;
}

/** A file the customer sent, checked by the gateway (type by content, size). */
export interface ChatUploadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** What the `/chat` namespace does for a customer: start, resume, write, catch up. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);

  constructor(
    private readonly conversations: ChatConversationsRepository,
    private readonly transcript: ChatTranscriptRepository,
    @Inject(INBOUND_SINK) private readonly inbound: InboundSink,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  /**
   * Opens a conversation with its first message; a retransmitted start gets the same one with a new
   * token. `listen` runs once the conversation exists and before the message is queued: the worker
   * may confirm within milliseconds, and a socket that joins the room afterwards misses it. The
   * conversation and its first transcript entry are one statement; the message is stored for the
   * intake before the start is answered, as every message is. The first message of a new
   * conversation goes back in the start's answer only: its room holds nobody else to echo it to.
   */
  async start(input: ChatStartInput, listen?: (conversation: ChatConversationEntity) => Promise<void>): Promise<StartedChat> {
    const token = newChatToken();
    const sentAt = new Date().toISOString();
    const { conversation, isNew, entry } = await this.conversations.insertOnce(
      { tokenHash: hashSecret(token), startKey: hashSecret(input.clientId), name: input.name, email: input.email, rfc: input.rfc ?? null },
      customerEntry(input.clientId, input.text, sentAt, []),
    );
    if (!isNew) {
      // Only the one who sent the start knows its client id; still, bound the claim to its author and to minutes.
      const recent = Date.now() - conversation.createdAt.getTime() < START_RETRY_WINDOW_MS;
      if (conversation.email !== input.email || !recent) throw new ChatInputError('invalid_payload', 'clientId ya se usó en otro mensaje');
      await this.conversations.replaceToken(conversation.id, hashSecret(token));
    }
    await listen?.(conversation);
    if (!entry) return { conversation, token, entry: await this.post(conversation, input.clientId, input.text) };
    await this.store(conversation, input.clientId, input.text, sentAt, []);
    return { conversation, token, entry };
  }

  /** The conversation of a stored token; null when the token is unknown (the caller starts afresh). */
  resume(token: string): Promise<ChatConversationEntity | null> {
    return this.conversations.findByTokenHash(hashSecret(token));
  }

  /**
   * A customer message: stored and queued for the intake (the same path as email) before anything
   * else, then added to the transcript. Both steps are idempotent on the client id, so the client
   * may send it again until it gets an ack.
   */
  async post(conversation: ChatConversationEntity, clientId: string, text: string, files: ChatUploadedFile[] = []): Promise<ChatEntry> {
    const sentAt = new Date().toISOString();
    await this.store(conversation, clientId, text, sentAt, files);
    const appended = await this.transcript.append(conversation.id, customerEntry(clientId, text, sentAt, files));
    if (!appended) throw new Error(`chat conversation ${conversation.id} vanished`);
    if (appended.isNew) await this.echo(conversation.id, appended.entry);
    return appended.entry;
  }

  /** Stores the message as an inbound item for the intake (idempotent on the client id). */
  private async store(conversation: ChatConversationEntity, clientId: string, text: string, sentAt: string, files: ChatUploadedFile[]): Promise<void> {
    const customer = { name: conversation.name, email: conversation.email, ...(conversation.rfc ? { rfc: conversation.rfc } : {}) };
    const rawFiles = files.map((file) => ({ filename: file.filename, contentType: file.contentType, contentBase64: file.content.toString('base64') }));
    await this.inbound.accept({
      channel: 'chat',
      dedupeKey: `${conversation.id}:${clientId}`,
      // Items that share it are ingested in order (see InboundPipeline).
      sourceRef: `chat:${conversation.id}`,
      // A file sent without words still says, on the ticket, what came.
      raw: encodeChatRaw({
        conversationId: conversation.id,
        clientId,
        text: text || files.map((file) => `Archivo adjunto: ${file.filename}`).join('\n'),
        sentAt,
        customer,
        ...(rawFiles.length > 0 ? { files: rawFiles } : {}),
      }),
      summary: { from: conversation.email, subject: firstWordsSubject(text || files.map((file) => file.filename).join(', ')) },
    });
  }

  /** The customer's other tabs show it too; the message is safe already, so a failure here only delays that. */
  private async echo(conversationId: string, entry: ChatEntry): Promise<void> {
    await this.broadcaster.entry(conversationId, entry).catch((error: Error) => {
      this.logger.warn(`could not echo a message of ${conversationId}: ${error.message}`);
    });
  }

  /** A file from the customer, with an optional line of text: a customer message like any other. */
  postFile(conversation: ChatConversationEntity, clientId: string, text: string, file: ChatUploadedFile): Promise<ChatEntry> {
    return this.post(conversation, clientId, text.trim(), [file]);
  }

  /** Transcript entries after `afterSeq`, a page at a time. */
  async history(conversationId: string, afterSeq: number): Promise<ChatSyncAck> {
    const entries = await this.transcript.listAfter(conversationId, afterSeq, HISTORY_PAGE + 1);
    return { entries: entries.slice(0, HISTORY_PAGE), more: entries.length > HISTORY_PAGE };
  }
}

/** The transcript entry of a customer's message (the same source is stored once). */
function customerEntry(clientId: string, text: string, sentAt: string, files: ChatUploadedFile[]): NewChatEntry {
  return {
    type: 'customer:message',
    sourceKey: `client:${clientId}`,
    payload: {
      text,
      clientId,
      sentAt,
      ...(files.length > 0 ? { attachments: files.map((file) => ({ filename: file.filename, contentType: file.contentType, sizeBytes: file.content.length })) } : {}),
    },
  };
}
