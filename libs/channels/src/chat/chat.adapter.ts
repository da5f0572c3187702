import { Injectable } from '@nestjs/common';
import type { ChannelAdapter, StoredItemContext } from '../contract/channel-adapter.js';
import { PermanentDeliveryError } from '../contract/channel-errors.js';
import type { InboundMessage } from '../contract/inbound-message.js';
import type { OutboundMessage, SendResult } from '../contract/outbound-message.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import type { ChatFile } from './chat-protocol.js';
import { firstWordsSubject } from '../contract/first-words-subject.js';
import { decodeChatRaw } from './chat-raw-message.js';
import { ChatTranscriptRepository, type NewChatEntry } from './chat-transcript.repository.js';

/** Replies signed by no agent in particular (until agents have accounts). */
const TEAM_NAME = 'Soporte Interfactura';

/**
 * The live chat channel: customer messages stored by the gateway in, transcript entries out. Sending
 * appends to the conversation's transcript (which numbers it) and publishes it through Redis to
 * whichever gateway holds the customer's connection; a widget that missed it gets it on resync.
 */
@Injectable()
export class ChatAdapter implements ChannelAdapter {
  readonly channel = 'chat' as const;
  // The first message of a conversation opens its ticket; the others must join it in order.
  readonly inOrderBySource = true;

  constructor(
    private readonly transcript: ChatTranscriptRepository,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  normalize(raw: Buffer, context: StoredItemContext): Promise<InboundMessage> {
    const message = decodeChatRaw(raw);
    return Promise.resolve({
      channel: 'chat',
      externalId: `chat-${message.conversationId}-${message.clientId}`,
      receivedAt: context.receivedAt,
      // The widget's email is typed, not proven: a claim until its owner follows the mailed link.
      from: { name: message.customer.name, email: message.customer.email, ...(message.customer.rfc ? { rfc: message.customer.rfc } : {}), unverified: true },
      subject: firstWordsSubject(message.text),
      text: message.text,
      attachments: (message.files ?? []).map((file) => {
        const content = Buffer.from(file.contentBase64, 'base64');
        return { filename: file.filename, contentType: file.contentType, sizeBytes: content.length, inline: false, content };
      }),
      threadRefs: [],
      conversationRef: message.conversationId,
    });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const appended = await this.transcript.append(message.recipient, transcriptEntry(message));
    if (!appended) throw new PermanentDeliveryError(`La conversación de chat ${message.recipient} no existe.`);
    // Published on every attempt: a retry after a Redis failure sends the same entry (same seq) again.
    await this.broadcaster.entry(message.recipient, appended.entry);
    return { status: 'sent' };
  }
}

function transcriptEntry(message: OutboundMessage): NewChatEntry {
  const sourceKey = `message:${message.externalId}`;
  const sentAt = message.writtenAt.toISOString();
  switch (message.kind) {
    case 'confirmation':
      return {
        type: 'ticket:confirmed',
        sourceKey,
        payload: {
          ticketNumber: message.ticketNumber,
          severity: message.severity,
          severityMeaning: message.severityMeaning,
          ...(message.severityName ? { severityName: message.severityName } : {}),
          text: message.text,
          sentAt,
        },
      };
    // Replies and the notices agents cause (new severity, solution, status) read as the agent's messages.
    case 'reply':
    case 'severity_change':
    case 'resolution':
    case 'status_update':
      return { type: 'agent:message', sourceKey, payload: { text: message.text, agentName: message.authorName ?? TEAM_NAME, sentAt, ...fileLinks(message) } };
    case 'survey':
      if (!message.surveyUrl) throw new PermanentDeliveryError('Una encuesta sin su enlace no se puede mostrar.');
      return { type: 'survey:request', sourceKey, payload: { ticketNumber: message.ticketNumber, url: message.surveyUrl, sentAt } };
    // Verification links go only to the mailbox they prove.
    case 'verification':
      throw new PermanentDeliveryError('Un enlace de verificación nunca se envía por chat.');
  }
}

/** An agent's files as links: the chat carries no file, only where to fetch it. */
function fileLinks(message: OutboundMessage): { attachments?: ChatFile[] } {
  const files = (message.files ?? []).filter((file) => file.url);
  if (files.length === 0) return {};
  return { attachments: files.map((file) => ({ filename: file.filename, contentType: file.contentType, sizeBytes: file.sizeBytes, url: file.url })) };
}
