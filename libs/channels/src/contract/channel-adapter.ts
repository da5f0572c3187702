import type { InboundMessage } from './inbound-message.js';
import type { ChannelSender } from './outbound-message.js';

/** What a stored inbound item carries besides its raw bytes. */
export interface StoredItemContext {
  inboundId: string;
  dedupeKey: string;
  receivedAt: Date;
}

/**
 * One channel's boundary: turns what its provider delivered (stored raw) into the channel-neutral
 * inbound message, and sends channel-neutral outbound messages. Nothing outside the channel's
 * folder knows its provider.
 */
export interface ChannelAdapter extends ChannelSender {
  normalize(raw: Buffer, context: StoredItemContext): Promise<InboundMessage>;
  /**
   * True when stored items that share a `sourceRef` (one conversation) must be ingested in the order
   * they arrived: the first opens the ticket and the others join it, in order.
   */
  readonly inOrderBySource?: boolean;
}
