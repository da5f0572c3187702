export type Tier = 'L1' | 'L2' | 'L3';
export type Channel = 'email' | 'chat' | 'phone';
export type Status = 'new' | 'open' | 'waiting_customer' | 'pending_release' | 'resolved' | 'merged';
export type Clock = 'met' | 'on_track' | 'at_risk' | 'breached' | 'stopped';

export interface Me {
  id: string;
  name: string;
  tier: Tier;
  role: 'agent' | 'admin';
}

export interface Contact {
  id: string | null;
  name: string | null;
  /** While `verified` is false, only what a chat's author typed. */
  email: string | null;
  phone: string | null;
  rfc: string | null;
  emailUndeliverable: boolean;
  /** False for a chat whose email nobody has confirmed yet: its name, email and RFC are claims. */
  verified: boolean;
}

export interface TicketSummary {
  number: string;
  channel: Channel;
  subject: string;
  severity: 0 | 1 | 2 | 3;
  severityMeaning: string;
  tier: Tier;
  status: Status;
  /** A missed call nobody has returned yet. */
  callbackRequested: boolean;
  /** How sure the classifier was of the severity it proposed (null when a person chose it). */
  severityConfidence: number | null;
  /** The classifier was unsure: L1 should confirm or change the severity. */
  severityReview: boolean;
  contact: Contact;
  assignee: { id: string; name: string; tier: Tier } | null;
  createdAt: string;
  attentionDueAt: string;
  solutionDueAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  sla: { attention: Clock; solution: Clock; overall: 'on_track' | 'at_risk' | 'breached' | 'done' };
  nextUpdateDueAt: string | null;
  visibleToYou?: boolean;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
  omittedReason: string | null;
  url: string | null;
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound';
  channel: Channel;
  authorType: 'contact' | 'agent' | 'system';
  authorName: string | null;
  from: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  automated: boolean;
  internal: boolean;
  createdAt: string;
  attachments: Attachment[];
  delivery: { channel: Channel; status: string; recipient: string; attempts: number; lastError: string | null; sentAt: string | null } | null;
}

export interface TicketEvent {
  id: string;
  type: string;
  actorType: string;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface CfdiDetails {
  rfc: string[];
  rfcInvalid: string[];
  uuid: string[];
  satCodes: string[];
  satCodeMeanings: Array<{ code: string; meaning: string | null; source: string | null }>;
  invoices: Array<{ serie?: string; folio: string }>;
  documents: Array<{ version: string; uuid?: string; emisor: { rfc: string; nombre?: string }; receptor: { rfc: string; nombre?: string }; total?: string; fecha?: string; serie?: string; folio?: string }>;
  skippedXml: Array<{ filename: string; reason: string }>;
}

export interface TicketDetail extends TicketSummary {
  version: string;
  slaExplanation: string | null;
  progressNote: string | null;
  severityReasons: string[];
  severityModelVersion: string | null;
  cfdi: CfdiDetails;
  mergedInto: string | null;
  messages: Message[];
  events: TicketEvent[];
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  tier: Tier;
  role: 'agent' | 'admin';
  active: boolean;
}

export interface CannedResponse {
  id: string;
  title: string;
  body: string;
  /** A macro: after the reply, the ticket moves to this status (resolved: the text is the resolution). */
  setStatus: 'open' | 'waiting_customer' | 'resolved' | null;
  setSeverity: 0 | 1 | 2 | 3 | null;
}
