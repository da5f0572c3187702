/**
 * What the ticket, agent and canned-response routes answer, as JSON: the gateway's presenters are
 * typed with these, and the inbox and the e2e suites read the same types. Type-only imports of
 * files without I/O, so the browser bundle reads them without pulling server code.
 */
import type { MacroStatus } from '../canned/canned-variables.js';
import type { CfdiDocument } from '../cfdi/cfdi-document.js';
import type { AgentRole, AuthorType, MessageDirection, SeveritySource, TicketStatus, Tier } from '../domain.js';
import type { Severity } from '../severity/severity.js';
import type { SlaSnapshot } from '../sla/sla-state.js';

/** An instant as JSON carries it: ISO 8601 in UTC (`2026-05-04T17:03:00.000Z`). */
export type IsoTime = string;
/** The channels' names (the channels' contract owns the type; the ticket presenter checks they agree). */
export type ChannelName = 'email' | 'chat' | 'phone';

export interface ContactJson {
  id: string | null;
  name: string | null;
  /** The address mail goes to; while `verified` is false, only what a chat's author typed. */
  email: string | null;
  /** False for a chat whose email nobody has confirmed yet: its name, email and RFC are claims. */
  verified: boolean;
  phone: string | null;
  rfc: string | null;
  emailUndeliverable: boolean;
  /** When an administrator erased the person's data (ARCO); null otherwise. */
  erasedAt: IsoTime | null;
}

/** INTERFACE.md's TicketSummary. */
export interface TicketSummaryJson {
  number: string;
  channel: ChannelName;
  subject: string;
  severity: Severity;
  severityMeaning: string;
  severitySource: SeveritySource;
  /** How sure the classifier was of the severity it proposed (null when it proposed none: the customer chose); kept when an agent sets another. */
  severityConfidence: number | null;
  /** The classifier was unsure: L1 should confirm or change the severity. */
  severityReview: boolean;
  tier: Tier;
  status: TicketStatus;
  /** A missed call nobody has returned yet. */
  callbackRequested: boolean;
  contact: ContactJson;
  assignee: { id: string; name: string; tier: Tier } | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  attentionDueAt: IsoTime;
  solutionDueAt: IsoTime;
  firstResponseAt: IsoTime | null;
  resolvedAt: IsoTime | null;
  lastCustomerMessageAt: IsoTime | null;
  nextUpdateDueAt: IsoTime | null;
  sla: SlaSnapshot;
}

export interface TicketListJson {
  items: TicketSummaryJson[];
  total: number;
}

export interface AttachmentJson {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
  contentId: string | null;
  /** Why the file is not kept (too big, a retention period ended...); then `url` is null. */
  omittedReason: string | null;
  url: string | null;
}

export interface DeliveryJson {
  channel: ChannelName;
  status: string;
  recipient: string;
  attempts: number;
  lastError: string | null;
  sentAt: IsoTime | null;
}

export interface MessageJson {
  id: string;
  direction: MessageDirection;
  channel: ChannelName;
  authorType: AuthorType;
  authorName: string | null;
  from: string | null;
  subject: string | null;
  text: string;
  /** Sanitized HTML of a mail, when it had some. */
  html: string | null;
  automated: boolean;
  internal: boolean;
  createdAt: IsoTime;
  attachments: AttachmentJson[];
  /** How the reply or notice is going out (outbound messages only). */
  delivery: DeliveryJson | null;
}

export interface TicketEventJson {
  id: string;
  type: string;
  actorType: AuthorType;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: IsoTime;
}

/** INTERFACE.md's `cfdi` { rfc, uuid, satCodes }, with what each SAT code's family means, invoices and attached CFDIs. */
export interface CfdiJson {
  rfc: string[];
  rfcInvalid: string[];
  uuid: string[];
  satCodes: string[];
  satCodeMeanings: Array<{ code: string; meaning: string | null; source: string | null }>;
  invoices: Array<{ serie?: string; folio: string }>;
  documents: CfdiDocument[];
  skippedXml: Array<{ filename: string; reason: string }>;
}

export interface TicketDetailJson extends TicketSummaryJson {
  /** The newest timeline entry's id: sent back as `baseVersion` with a reply. */
  version: string;
  severityReasons: string[];
  severityModelVersion: string | null;
  cfdi: CfdiJson;
  slaExplanation: string | null;
  /** The progress the customer reads in the next status update. */
  progressNote: string | null;
  /** When that progress was written. */
  progressNoteAt: IsoTime | null;
  /** The number of the ticket this one was merged into. */
  mergedInto: string | null;
  messages: MessageJson[];
  events: TicketEventJson[];
}

/** POST /api/tickets/:number/replies (201): the message written and, for a public reply, its delivery. */
export interface ReplyCreatedJson {
  id: string;
  internal: boolean;
  channel: ChannelName;
  createdAt: IsoTime;
  delivery: { id: string; status: 'pending' } | null;
  /** Why nothing was sent (the customer's address is undeliverable...); null when it was queued. */
  suppressedReason: string | null;
}

/** A person across channels (GET /api/contacts/:id): their details and the tickets the agent may see. */
export interface ContactWithTicketsJson {
  contact: ContactJson;
  tickets: TicketSummaryJson[];
}

/** A change that left the ticket out of the agent's sight (handed to another tier): the summary only. */
export interface HiddenTicketJson extends TicketSummaryJson {
  visibleToYou: false;
}

/** The signed-in agent (GET /api/auth/me). */
export interface MeJson {
  id: string;
  name: string;
  tier: Tier;
  role: AgentRole;
}

/** POST /api/auth/login. */
export interface LoginJson {
  accessToken: string;
  expiresAt: IsoTime;
  agent: MeJson & { email: string };
}

export interface AgentJson {
  id: string;
  name: string;
  email: string;
  tier: Tier;
  role: AgentRole;
  active: boolean;
  createdAt: IsoTime;
}

export interface CannedResponseJson {
  id: string;
  title: string;
  body: string;
  /** A macro: after the reply, the ticket moves to this status (resolved: the text is the resolution). */
  setStatus: MacroStatus | null;
  setSeverity: Severity | null;
  updatedAt: IsoTime;
}

export interface MaintenanceWindowJson {
  id: string;
  startsAt: IsoTime;
  endsAt: IsoTime;
  description: string;
  createdAt: IsoTime;
  cancelledAt: IsoTime | null;
  reminderSentAt: IsoTime | null;
}

/** GET /api/maintenance: the latest windows, and the one going on now. */
export interface MaintenanceListJson {
  items: MaintenanceWindowJson[];
  active: MaintenanceWindowJson | null;
}

/** POST /api/maintenance (201). */
export interface ScheduledMaintenanceJson {
  window: MaintenanceWindowJson;
  /** Rules the window bends without breaking (a second window in the quarter...). */
  warnings: string[];
  noticesQueued: number;
}

export interface ItemsJson<T> {
  items: T[];
}
