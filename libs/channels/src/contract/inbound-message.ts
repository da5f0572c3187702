import type { CallFacts } from './call-facts.js';
import type { Channel } from './channel.js';
import type { Severity } from './severity.js';

/** Who wrote, as far as the channel can tell. */
export interface InboundParty {
  name?: string;
  email?: string;
  /** E.164. */
  phone?: string;
  rfc?: string;
  /**
   * The email is only the sender's word (a chat's typed address), not proven by the channel: it
   * finds no contact, changes none and threads into no ticket by number until it is verified.
   */
  unverified?: boolean;
}

export interface InboundAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
  contentId?: string;
  inline: boolean;
  /** Absent when the file is over the size limit; `omittedReason` says so. */
  content?: Buffer;
  omittedReason?: string;
}

/** A delivery-status report about mail we sent. */
export interface BounceReport {
  /** Message-IDs of the mail that could not be delivered, as far as the report quotes them. */
  originalMessageIds: string[];
  failedRecipients: string[];
  /** A 5.x.x status or "Action: failed": the address will not accept mail. A 4.x.x delay is not permanent. */
  permanent: boolean;
  diagnostic?: string;
}

/**
 * What no person wrote to us (an auto-reply, a bounce, our own mail; an SMS that is only one of
 * Twilio's opt-out keywords, or empty): it never gets a confirmation, and only joins existing tickets.
 */
export interface AutomatedMarker {
  kind: 'auto_reply' | 'bounce' | 'own_mail' | 'sms_keyword' | 'empty_sms';
  reason: string;
}

/**
 * The channel-neutral form every adapter turns its input into. The intake service decides from
 * this alone whether it opens a ticket, joins one, or is skipped.
 */
export interface InboundMessage {
  channel: Channel;
  /** The provider's id of this message, unique per channel (an email's Message-ID). */
  externalId: string;
  receivedAt: Date;
  from: InboundParty;
  subject: string;
  text: string;
  htmlSanitized?: string;
  attachments: InboundAttachment[];
  /** Ids of messages this one answers, most direct first (In-Reply-To, then References). */
  threadRefs: string[];
  automated?: AutomatedMarker;
  bounce?: BounceReport;
  /**
   * The conversation this message belongs to on its channel (chat conversation id, call SID). A
   * ticket opened by it keeps it, and later messages with the same reference join that ticket.
   */
  conversationRef?: string;
  /**
   * The channel keeps no thread (an SMS): the message joins its sender's latest ticket that is open
   * or was resolved lately, as a reply would, rather than opening a ticket each time.
   */
  threadBySender?: boolean;
  /** A severity the customer chose themselves (e.g. on the phone menu). */
  customerSeverity?: Severity;
  /** A phone call's callback: the call intake merges it into the call and puts the call on one ticket. */
  call?: CallFacts;
}
