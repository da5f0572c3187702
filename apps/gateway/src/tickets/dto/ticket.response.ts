import type { SchemaObject } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '@app/channels';
import {
  SEVERITIES,
  SEVERITY_SOURCES,
  TICKET_STATUSES,
  TIERS,
  type AttachmentJson,
  type AuthorType,
  type CfdiJson,
  type ContactJson,
  type ContactWithTicketsJson,
  type DeliveryJson,
  type HiddenTicketJson,
  type MessageDirection,
  type MessageJson,
  type ReplyCreatedJson,
  type Severity,
  type SeveritySource,
  type SlaSnapshot,
  type TicketDetailJson,
  type TicketEventJson,
  type TicketListJson,
  type TicketStatus,
  type TicketSummaryJson,
  type Tier,
} from '@app/tickets';
import { AgentRefResponse } from '../../agents/dto/agent.response.js';
import { Bool, Dict, Enum, Int, Nested, Num, ObjectList, Text, Texts, Time } from '../../openapi/response-fields.js';

// What the ticket routes answer, for the OpenAPI document; the shapes they implement are the source.

const CLOCK_STATES = ['met', 'on_track', 'at_risk', 'breached', 'stopped'] as const;
const AUTHOR_TYPES = ['contact', 'agent', 'system'] as const;
const TEXT: SchemaObject = { type: 'string' };
const NULLABLE_TEXT: SchemaObject = { type: 'string', nullable: true };
const PARTY: SchemaObject = { type: 'object', properties: { rfc: TEXT, nombre: TEXT }, required: ['rfc'] };

export class ContactResponse implements ContactJson {
  @Text({ nullable: true })
  id!: string | null;

  @Text({ nullable: true })
  name!: string | null;

  @Text({ nullable: true, description: 'The address mail goes to; while `verified` is false, only what a chat\'s author typed.' })
  email!: string | null;

  @Bool({ description: 'False for a chat whose email nobody has confirmed yet: its name, email and RFC are claims.' })
  verified!: boolean;

  @Text({ nullable: true })
  phone!: string | null;

  @Text({ nullable: true })
  rfc!: string | null;

  @Bool()
  emailUndeliverable!: boolean;

  @Time({ nullable: true, description: 'When an administrator erased the person\'s data (ARCO).' })
  erasedAt!: string | null;
}

export class SlaSnapshotResponse implements SlaSnapshot {
  @Enum(CLOCK_STATES)
  attention!: SlaSnapshot['attention'];

  @Enum(CLOCK_STATES)
  solution!: SlaSnapshot['solution'];

  @Enum(['on_track', 'at_risk', 'breached', 'done'], { description: 'The worse of the two running clocks.' })
  overall!: SlaSnapshot['overall'];
}

/** INTERFACE.md's TicketSummary. */
export class TicketSummaryResponse implements TicketSummaryJson {
  @Text({ description: 'IF-000123' })
  number!: string;

  @Enum(CHANNELS)
  channel!: Channel;

  @Text()
  subject!: string;

  @Enum(SEVERITIES, { description: '0 (everything stopped) to 3 (a question).' })
  severity!: Severity;

  @Text({ description: 'What the severity means, in Spanish.' })
  severityMeaning!: string;

  @Enum(SEVERITY_SOURCES)
  severitySource!: SeveritySource;

  @Num({ nullable: true, description: 'How sure the classifier was of its proposal (null when the customer chose the severity); kept when an agent sets another (severitySource says who set it).' })
  severityConfidence!: number | null;

  @Bool({ description: 'The classifier was unsure: L1 should confirm or change the severity.' })
  severityReview!: boolean;

  @Enum(TIERS)
  tier!: Tier;

  @Enum(TICKET_STATUSES)
  status!: TicketStatus;

  @Bool({ description: 'A missed call nobody has returned yet.' })
  callbackRequested!: boolean;

  @Nested(() => ContactResponse)
  contact!: ContactResponse;

  @Nested(() => AgentRefResponse, { nullable: true })
  assignee!: AgentRefResponse | null;

  @Time()
  createdAt!: string;

  @Time()
  updatedAt!: string;

  @Time()
  attentionDueAt!: string;

  @Time()
  solutionDueAt!: string;

  @Time({ nullable: true })
  firstResponseAt!: string | null;

  @Time({ nullable: true })
  resolvedAt!: string | null;

  @Time({ nullable: true })
  lastCustomerMessageAt!: string | null;

  @Time({ nullable: true })
  nextUpdateDueAt!: string | null;

  @Nested(() => SlaSnapshotResponse)
  sla!: SlaSnapshotResponse;
}

export class TicketListResponse implements TicketListJson {
  @Nested(() => TicketSummaryResponse, { isArray: true })
  items!: TicketSummaryResponse[];

  @Int({ description: 'All tickets that match, past this page too.' })
  total!: number;
}

export class AttachmentResponse implements AttachmentJson {
  @Text()
  id!: string;

  @Text()
  filename!: string;

  @Text()
  contentType!: string;

  @Int()
  sizeBytes!: number;

  @Bool()
  inline!: boolean;

  @Text({ nullable: true })
  contentId!: string | null;

  @Text({ nullable: true, description: 'Why the file is not kept (too big, its retention ended...); then `url` is null.' })
  omittedReason!: string | null;

  @Text({ nullable: true })
  url!: string | null;
}

export class DeliveryResponse implements DeliveryJson {
  @Enum(CHANNELS)
  channel!: Channel;

  @Text({ description: 'pending, sent, held, failed...' })
  status!: string;

  @Text()
  recipient!: string;

  @Int()
  attempts!: number;

  @Text({ nullable: true })
  lastError!: string | null;

  @Time({ nullable: true })
  sentAt!: string | null;
}

export class MessageResponse implements MessageJson {
  @Text()
  id!: string;

  @Enum(['inbound', 'outbound'])
  direction!: MessageDirection;

  @Enum(CHANNELS)
  channel!: Channel;

  @Enum(AUTHOR_TYPES)
  authorType!: AuthorType;

  @Text({ nullable: true })
  authorName!: string | null;

  @Text({ nullable: true })
  from!: string | null;

  @Text({ nullable: true })
  subject!: string | null;

  @Text()
  text!: string;

  @Text({ nullable: true, description: 'Sanitized HTML of a mail, when it had some.' })
  html!: string | null;

  @Bool()
  automated!: boolean;

  @Bool({ description: 'An internal note: never reaches the customer.' })
  internal!: boolean;

  @Time()
  createdAt!: string;

  @Nested(() => AttachmentResponse, { isArray: true })
  attachments!: AttachmentResponse[];

  @Nested(() => DeliveryResponse, { nullable: true, description: 'How an outbound message is going out.' })
  delivery!: DeliveryResponse | null;
}

export class TicketEventResponse implements TicketEventJson {
  @Text()
  id!: string;

  @Text({ description: 'created, escalated, resolved, reply_added, sla_attention_breached...' })
  type!: string;

  @Enum(AUTHOR_TYPES)
  actorType!: AuthorType;

  @Text({ nullable: true })
  actorId!: string | null;

  @Dict('object')
  data!: Record<string, unknown>;

  @Time()
  createdAt!: string;
}

export class CfdiResponse implements CfdiJson {
  @Texts()
  rfc!: string[];

  @Texts({ description: 'RFC-looking strings whose check digit is wrong.' })
  rfcInvalid!: string[];

  @Texts({ description: 'Folios fiscales (UUID).' })
  uuid!: string[];

  @Texts({ description: 'SAT/PAC error codes (CFDI40xxx, 301...).' })
  satCodes!: string[];

  @ObjectList({ code: TEXT, meaning: NULLABLE_TEXT, source: NULLABLE_TEXT }, { description: 'What each SAT code\'s family means, and where that is written (null when unknown).' })
  satCodeMeanings!: CfdiJson['satCodeMeanings'];

  @ObjectList({ serie: TEXT, folio: TEXT }, { optionalKeys: ['serie'], description: 'Invoices the customer mentioned.' })
  invoices!: CfdiJson['invoices'];

  @ObjectList(
    { version: { type: 'string', enum: ['3.3', '4.0'] }, uuid: TEXT, emisor: PARTY, receptor: PARTY, total: TEXT, fecha: TEXT, serie: TEXT, folio: TEXT },
    { optionalKeys: ['uuid', 'total', 'fecha', 'serie', 'folio'], description: 'Attached CFDIs that could be read.' },
  )
  documents!: CfdiJson['documents'];

  @ObjectList({ filename: TEXT, reason: TEXT }, { description: 'Attached XML kept as a file but not read, and why.' })
  skippedXml!: CfdiJson['skippedXml'];
}

export class TicketDetailResponse extends TicketSummaryResponse implements TicketDetailJson {
  @Text({ description: 'The newest timeline entry: send it back as `baseVersion` with a reply.' })
  version!: string;

  @Texts()
  severityReasons!: string[];

  @Text({ nullable: true })
  severityModelVersion!: string | null;

  @Nested(() => CfdiResponse)
  cfdi!: CfdiResponse;

  @Text({ nullable: true })
  slaExplanation!: string | null;

  @Text({ nullable: true, description: 'The progress the customer reads in the next status update.' })
  progressNote!: string | null;

  @Time({ nullable: true, description: 'When that progress was written.' })
  progressNoteAt!: string | null;

  @Text({ nullable: true, description: 'The ticket this one was merged into.' })
  mergedInto!: string | null;

  @Nested(() => MessageResponse, { isArray: true })
  messages!: MessageResponse[];

  @Nested(() => TicketEventResponse, { isArray: true })
  events!: TicketEventResponse[];
}

/** After a change that took the ticket out of the agent's sight (handed to another tier): the summary only. */
export class HiddenTicketResponse extends TicketSummaryResponse implements HiddenTicketJson {
  @Bool({ description: 'Always false: the change took the ticket to a tier the agent does not see.' })
  visibleToYou!: false;
}

export class ContactWithTicketsResponse implements ContactWithTicketsJson {
  @Nested(() => ContactResponse)
  contact!: ContactResponse;

  @Nested(() => TicketSummaryResponse, { isArray: true })
  tickets!: TicketSummaryResponse[];
}

export class ReplyDeliveryResponse {
  @Text()
  id!: string;

  @Enum(['pending'])
  status!: 'pending';
}

export class ReplyCreatedResponse implements ReplyCreatedJson {
  @Text()
  id!: string;

  @Bool()
  internal!: boolean;

  @Enum(CHANNELS)
  channel!: Channel;

  @Time()
  createdAt!: string;

  @Nested(() => ReplyDeliveryResponse, { nullable: true })
  delivery!: ReplyDeliveryResponse | null;

  @Text({ nullable: true, description: 'Why nothing was sent (the address is undeliverable...); null when it was queued.' })
  suppressedReason!: string | null;
}
