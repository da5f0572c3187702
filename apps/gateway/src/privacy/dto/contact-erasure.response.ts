import type { AuditEventRow, ContactErasure } from '@app/tickets';
import { Dict, Int, Nested, Text, Texts, Time } from '../../openapi/response-fields.js';

// What POST /api/contacts/{id}/erase answers, for the OpenAPI document; the shapes it implements are the source.

export class AuditEventResponse implements AuditEventRow {
  @Text()
  id!: string;

  @Text({ description: '`contact_erased`, `contact_exported`...' })
  action!: string;

  @Text()
  subjectType!: string;

  @Text()
  subjectId!: string;

  @Text({ description: '`agent` for an administrator.' })
  actorType!: string;

  @Text({ nullable: true })
  actorId!: string | null;

  @Text({ nullable: true })
  actorName!: string | null;

  @Dict('object')
  details!: Record<string, unknown>;

  @Time()
  createdAt!: Date;
}

export class ContactErasureResponse implements ContactErasure {
  @Text()
  contactId!: string;

  @Dict('integer', { description: 'Rows changed or deleted, by table.' })
  rows!: Record<string, number>;

  @Int({ description: 'Tickets of the contact, kept with the personal data taken out.' })
  tickets!: number;

  @Texts({ description: "Recordings of the person's calls the phone provider still keeps: delete them there (docs/operations.md)." })
  providerRecordings!: string[];

  @Nested(() => AuditEventResponse, { description: 'The record of this erasure.' })
  audit!: AuditEventResponse;
}
