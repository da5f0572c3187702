import { CHANNELS, type Channel } from '@app/channels';
import { INCIDENT_STATUSES, SEVERITIES, type IncidentDetail, type IncidentStatus, type IncidentSummary, type IncidentUpdatePreview, type IncidentUpdateView, type LinkedTicket, type Severity } from '@app/tickets';
import { Bool, Dict, Enum, Int, Nested, Num, Text, Texts, Time } from '../../openapi/response-fields.js';

// What the incident routes answer (libs/tickets/src/incidents/incident-shapes.ts), for the OpenAPI document.

export class IncidentSummaryResponse implements IncidentSummary {
  @Text()
  id!: string;

  @Text()
  title!: string;

  @Enum(INCIDENT_STATUSES)
  status!: IncidentStatus;

  @Enum(SEVERITIES)
  severity!: Severity;

  @Time()
  openedAt!: string;

  @Time({ nullable: true })
  confirmedAt!: string | null;

  @Time({ nullable: true })
  resolvedAt!: string | null;

  @Int()
  ticketCount!: number;

  @Text({ nullable: true, description: 'Why Ventanilla suspected it (null when an agent opened it).' })
  detectionReason!: string | null;

  @Bool()
  countsAsDowntime!: boolean;

  @Time({ nullable: true })
  lastUpdateAt!: string | null;

  @Time({ nullable: true })
  nextUpdateDueAt!: string | null;

  @Time({ nullable: true, description: 'Set when agents dismissed it as a false alarm (it stays `suspected`).' })
  dismissedAt!: string | null;

  @Text({ nullable: true, description: 'The agent who dismissed it.' })
  dismissedBy!: string | null;

  @Text({ nullable: true })
  dismissReason!: string | null;
}

export class IncidentListResponse {
  @Nested(() => IncidentSummaryResponse, { isArray: true })
  items!: IncidentSummaryResponse[];
}

export class LinkedTicketResponse implements LinkedTicket {
  @Text()
  number!: string;

  @Enum(CHANNELS)
  channel!: Channel;

  @Text()
  status!: string;

  @Text()
  subject!: string;

  @Text({ nullable: true, description: 'The customer as agents know them: name, else email, else phone; null when erased or unknown.' })
  customer!: string | null;

  @Time()
  linkedAt!: string;

  @Text({ nullable: true, description: 'The agent who linked it; null when detection did.' })
  linkedBy!: string | null;

  @Text()
  reason!: string;

  @Num({ nullable: true })
  score!: number | null;
}

export class NotReachedResponse {
  @Text()
  ticketNumber!: string;

  @Enum(CHANNELS)
  channel!: Channel;

  @Text({ description: 'No address, address undeliverable, provider refused...' })
  reason!: string;
}

export class IncidentUpdateResponse implements IncidentUpdateView {
  @Text()
  id!: string;

  @Enum(['update', 'resolution'])
  kind!: IncidentUpdateView['kind'];

  @Text()
  body!: string;

  @Text()
  authorName!: string;

  @Time()
  createdAt!: string;

  @Int()
  recipients!: number;

  @Int()
  sent!: number;

  @Int()
  pending!: number;

  @Int()
  failed!: number;

  @Nested(() => NotReachedResponse, { isArray: true })
  notReached!: NotReachedResponse[];
}

export class IncidentDetailResponse extends IncidentSummaryResponse implements IncidentDetail {
  @Text({ nullable: true })
  resolution!: string | null;

  @Texts()
  tickets!: string[];

  @Nested(() => LinkedTicketResponse, { isArray: true })
  linked!: LinkedTicketResponse[];

  @Nested(() => IncidentUpdateResponse, { isArray: true })
  updates!: IncidentUpdateResponse[];

  @Dict('integer', { description: 'Linked customers per channel (what an update will reach).' })
  customersByChannel!: IncidentDetail['customersByChannel'];
}

export class PreviewMailResponse {
  @Text({ description: 'The linked ticket the text is shown for (the number is the only difference between customers).' })
  ticketNumber!: string;

  @Text()
  subject!: string;

  @Text()
  text!: string;
}

export class PreviewChatResponse {
  @Text()
  ticketNumber!: string;

  @Text()
  text!: string;
}

export class PreviewSmsResponse extends PreviewChatResponse {
  @Int({ description: 'Characters of the whole SMS text.' })
  characters!: number;
}

export class PreviewReachResponse {
  @Int()
  email!: number;

  @Int()
  chat!: number;

  @Int()
  sms!: number;

  @Int()
  total!: number;

  @Int({ description: 'Of those, how many cannot be reached now (no address or number, or an address that bounced).' })
  unreachable!: number;
}

export class IncidentUpdatePreviewResponse implements IncidentUpdatePreview {
  @Enum(['update', 'resolution'])
  kind!: 'update' | 'resolution';

  @Nested(() => PreviewMailResponse)
  email!: PreviewMailResponse;

  @Nested(() => PreviewChatResponse)
  chat!: PreviewChatResponse;

  @Nested(() => PreviewSmsResponse)
  sms!: PreviewSmsResponse;

  @Nested(() => PreviewReachResponse)
  reach!: PreviewReachResponse;
}
