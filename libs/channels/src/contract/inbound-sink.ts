import type { Channel } from './channel.js';

/** What a channel received, raw, with its identity at the source. */
export interface RawInbound {
  channel: Channel;
  /** Identity of the item at its source (Message-ID + sender, CallSid...): a redelivery has the same one. */
  dedupeKey: string;
  /** Where it came from, for people (e.g. "INBOX uid 42"); items that share it may be ingested in order. */
  sourceRef?: string;
  raw: Buffer;
  summary: { from?: string; subject?: string };
}

/** An item refused before it was downloaded (e.g. too big): recorded with its reason, never dropped. */
export interface RejectedAtSource {
  channel: Channel;
  dedupeKey: string;
  sourceRef?: string;
  sizeBytes: number;
  summary: { from?: string; subject?: string };
  reason: string;
}

export interface AcceptedInbound {
  inboundId: string;
  /** False when the same item had been stored before (a redelivery). */
  isNew: boolean;
}

/**
 * Where every channel hands what arrives. `accept` stores the raw item durably, then queues it; only
 * when it resolves may the channel acknowledge its source, and if it throws (a store down), the
 * source must keep the item and try again: both steps are idempotent. The apps wire it.
 */
export interface InboundSink {
  accept(item: RawInbound): Promise<AcceptedInbound>;
  storeRejected(item: RejectedAtSource): Promise<void>;
}

export const INBOUND_SINK = Symbol('INBOUND_SINK');
