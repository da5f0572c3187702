import type { Channel } from './channel.js';
import type { Severity } from './severity.js';

/** What an outbound message is; `verification`: the mail with the link that proves a chat's claimed address. */
export type OutboundKind = 'confirmation' | 'reply' | 'severity_change' | 'resolution' | 'status_update' | 'verification' | 'survey';

/** The channel-neutral form of what a channel adapter must send. */
export interface OutboundMessage {
  channel: Channel;
  kind: OutboundKind;
  ticketNumber: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** Our id for the message (the email Message-ID), fixed before the first attempt so retries are recognisable. */
  externalId: string;
  /** What it answers, most direct first (In-Reply-To, then References). */
  threadRefs: string[];
  /** True for messages no person wrote (confirmations): mail carries `Auto-Submitted: auto-replied`. */
  automatic: boolean;
  /** The ticket's severity now, and what it means (a chat confirmation shows both apart from the text). */
  severity: Severity;
  severityMeaning: string;
  /** The severity in plain words ("Falla parcial"). */
  severityName?: string;
  /** The agent who wrote it; null for system messages. */
  authorName: string | null;
  /** When the message was written (the same on every attempt). */
  writtenAt: Date;
  /**
   * Set when an earlier attempt began at this time and may have reached the provider before dying
   * unrecorded (a crash, Postgres gone): a sender that can look (SMS) checks before sending again.
   */
  earlierAttemptAt: Date | null;
  /** A satisfaction survey's signed link (put in when sent): the chat shows rating buttons that answer it. */
  surveyUrl?: string;
  /** Files an agent sent with it: mail attaches `content`; chat shows `url` (a signed link). */
  files?: OutboundFile[];
}

export interface OutboundFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  content?: Buffer;
  url?: string;
}

export type SendResult = { status: 'sent' } | { status: 'held'; reason: string };

/** What the outbound worker calls to hand a message to its channel. */
export interface ChannelSender {
  readonly channel: Channel;
  send(message: OutboundMessage): Promise<SendResult>;
}
