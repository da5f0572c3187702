import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatDisplayTime } from '@app/platform';
import type { ChannelPersonalData, PersonalDataScope, PersonalIdentifiers, PersonalRows } from '@app/channels';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import type { Actor } from '../workflow/actor.js';
import { AuditEventsRepository, type AuditEventRow } from './audit-events.repository.js';
import { CHANNEL_PERSONAL_DATA } from './channel-personal-data.token.js';
import { ContactErasureRepository } from './contact-erasure.repository.js';
import { ContactExportRepository } from './contact-export.repository.js';
import { ContactScopeRepository, type ContactDataScope, type ScopedContact } from './contact-scope.repository.js';
import { confirmsErasure } from './erase-confirmation.js';
import { exportDocument, type BinaryColumn } from './export-document.js';
import { personIdentifiers, redactJson, textRedactor, type PersonDetails } from './personal-data-redaction.js';
import { TicketEventRedactionRepository } from './ticket-event-redaction.repository.js';

export const CONTACT_EXPORT_FORMAT = 'ventanilla.contact-export.v1';

export interface ContactExport {
  filename: string;
  /** The JSON document, piece by piece (attachments and raw items are read as they are written). */
  body: AsyncIterable<string>;
  audit: AuditEventRow;
}

export interface ContactErasure {
  contactId: string;
  /** Rows changed (or deleted), by table. */
  rows: Record<string, number>;
  tickets: number;
  /** Recordings of the person's calls still kept by the phone provider: delete them there (docs/operations.md). */
  providerRecordings: string[];
  audit: AuditEventRow;
}

const count = (tables: PersonalRows): Record<string, number> => Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length]));

/**
 * A person's rights over their data (ARCO, LFPDPPP), exercised by an administrator: access (an
 * export of everything held about the contact) and cancellation (an erasure: personal data removed
 * everywhere, the tickets kept anonymous for the SLA reports). Both leave an audit event that
 * names who, when, what and how many rows, and that the erasure itself leaves alone.
 */
@Injectable()
export class ContactPrivacyService {
  private readonly logger = new Logger(ContactPrivacyService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ContactScopeRepository,
    private readonly exports: ContactExportRepository,
    private readonly erasure: ContactErasureRepository,
    private readonly eventRedaction: TicketEventRedactionRepository,
    private readonly events: TicketEventsRepository,
    private readonly audit: AuditEventsRepository,
    @Inject(CHANNEL_PERSONAL_DATA) private readonly channels: ChannelPersonalData[],
  ) {}

  async export(contactId: string, actor: Actor): Promise<ContactExport> {
    // One snapshot: the rows agree with each other even while the person writes in.
    const { scope, tables, audit } = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const scope = await this.scopeOf(await this.contact(contactId, em), em);
      const tables = { ...(await this.exports.rows(scope, em)), ...(await this.channelRows(scope, em)) };
      const audit = await this.audit.append(
        { action: 'contact_exported', subjectType: 'contact', subjectId: contactId, actor: { type: 'agent', id: actor.id, name: actor.name }, details: { rows: count(tables) } },
        em,
      );
      return { scope, tables: { ...tables, audit_events: [...(tables.audit_events ?? []), auditRow(audit)] }, audit };
    });
    this.logger.log(`contact ${contactId} exported by ${actor.name} (${scope.ticketIds.length} tickets)`);
    const binaries: BinaryColumn[] = [
      { table: 'attachments', field: 'content_base64', load: (row) => this.exports.attachmentContent(String(row.id)) },
      { table: 'inbound_items', field: 'raw_base64', load: (row) => this.exports.rawInbound(String(row.id)) },
    ];
    const head = { format: CONTACT_EXPORT_FORMAT, contactId, exportedAt: audit.createdAt, exportedBy: { id: actor.id, name: actor.name } };
    return { filename: `contacto-${contactId}.json`, body: exportDocument(head, tables, binaries), audit };
  }

  /** Erases the contact and what is about them; `confirm` must name it (its id, email or phone). */
  async erase(contactId: string, confirm: unknown, actor: Actor): Promise<ContactErasure> {
    const erased = await this.dataSource.transaction(async (em) => {
      const contact = await this.contact(contactId, em, true);
      if (!confirmsErasure(contact, confirm)) {
        throw new InvalidInputError('confirm debe repetir el id, el correo o el teléfono del contacto que se elimina');
      }
      if (contact.erasedAt) throw new ConflictError(`Los datos de este contacto ya se eliminaron el ${formatDisplayTime(contact.erasedAt)}.`, { erasedAt: contact.erasedAt });
      const scope = await this.scopeOf(contact, em);
      const redact = textRedactor(personIdentifiers(await this.identifiersOf(scope, em)));
      const providerRecordings = await this.scopes.recordingSids(scope, em);

      const rows = await this.erasure.erase(scope, em);
      for (const channel of this.channels) Object.assign(rows, await channel.erase(channelScope(scope), em));
      const entries = await this.eventRedaction.listForTickets(scope.ticketIds, em);
      rows.ticket_events = await this.eventRedaction.replaceData(changedOnly(entries, (data) => redactJson(data, redact) as Record<string, unknown>), em);
      const reasons = await this.erasure.severityReasons(scope, em);
      await this.erasure.replaceSeverityReasons(
        reasons.map((row) => ({ id: row.id, reasons: redactJson(row.reasons, redact) })),
        em,
      );

      const audit = await this.audit.append(
        {
          action: 'contact_erased',
          subjectType: 'contact',
          subjectId: contactId,
          actor: { type: 'agent', id: actor.id, name: actor.name },
          details: { rows, tickets: scope.ticketIds.length, linkedContacts: scope.contactIds.length - 1, providerRecordings },
        },
        em,
      );
      for (const ticketId of scope.ticketIds) {
        await this.events.append(ticketId, [{ type: 'contact_erased', actorType: 'agent', actorId: actor.id, data: { by: actor.name, auditId: audit.id } }], em);
      }
      return { contactId, rows, tickets: scope.ticketIds.length, providerRecordings, audit };
    });
    this.logger.log(`contact ${contactId} erased by ${actor.name}: ${JSON.stringify(erased.rows)}`);
    return erased;
  }

  private async contact(contactId: string, em: EntityManager, lock = false): Promise<ScopedContact> {
    const contact = await this.scopes.findContact(contactId, em, lock);
    if (!contact) throw new NotFoundError(`El contacto ${contactId} no existe`);
    return contact;
  }

  private scopeOf(contact: ScopedContact, em: EntityManager): Promise<ContactDataScope> {
    return this.scopes.scope(contact, em);
  }

  private async channelRows(scope: ContactDataScope, em: EntityManager): Promise<PersonalRows> {
    const tables: PersonalRows = {};
    for (const channel of this.channels) Object.assign(tables, await channel.export(channelScope(scope), em));
    return tables;
  }

  private async identifiersOf(scope: ContactDataScope, em: EntityManager): Promise<PersonDetails> {
    const held = await this.scopes.details(scope, em);
    const told: PersonalIdentifiers[] = [];
    // One transaction, one connection: one statement at a time.
    for (const channel of this.channels) told.push(await channel.identifiers(channelScope(scope), em));
    return {
      names: [...held.names, ...told.flatMap((found) => found.names)],
      emails: [...held.emails, ...told.flatMap((found) => found.emails)],
      phones: held.phones,
      others: [...held.others, ...told.flatMap((found) => found.others)],
    };
  }
}

function channelScope(scope: ContactDataScope): PersonalDataScope {
  return { conversationIds: scope.conversationIds, emails: scope.emails };
}

/** Only the entries the redaction changed are written back. */
function changedOnly<T extends { data: Record<string, unknown> }>(entries: T[], redact: (data: Record<string, unknown>) => Record<string, unknown>): T[] {
  return entries.flatMap((entry) => {
    const data = redact(entry.data);
    return JSON.stringify(data) === JSON.stringify(entry.data) ? [] : [{ ...entry, data }];
  });
}

/** The audit event as the export shows audit rows (the table's own columns). */
function auditRow(audit: AuditEventRow): Record<string, unknown> {
  return {
    id: audit.id,
    action: audit.action,
    subject_type: audit.subjectType,
    subject_id: audit.subjectId,
    actor_type: audit.actorType,
    actor_id: audit.actorId,
    actor_name: audit.actorName,
    details: audit.details,
    created_at: audit.createdAt,
  };
}
