import { UnprocessableInboundError } from '../contract/channel-errors.js';

/** What the gateway stores in `inbound_items.raw` for one customer chat message (JSON). */
export interface ChatRawMessage {
  conversationId: string;
  clientId: string;
  text: string;
  /** When the gateway accepted it (ISO). */
  sentAt: string;
  customer: { name: string; email: string; rfc?: string };
  /** Files the customer sent with it, already checked by the gateway (type, size). */
  files?: ChatRawFile[];
}

export interface ChatRawFile {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export function encodeChatRaw(message: ChatRawMessage): Buffer {
  return Buffer.from(JSON.stringify(message), 'utf8');
}

export function decodeChatRaw(raw: Buffer): ChatRawMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new UnprocessableInboundError('chat item is not JSON');
  }
  const value = parsed as Partial<ChatRawMessage> | null;
  const customer = value?.customer;
  if (
    typeof value?.conversationId !== 'string' ||
    typeof value.clientId !== 'string' ||
    typeof value.text !== 'string' ||
    typeof customer?.email !== 'string' ||
    typeof customer.name !== 'string'
  ) {
    throw new UnprocessableInboundError('chat item lacks conversationId, clientId, text or customer');
  }
  return value as ChatRawMessage;
}
