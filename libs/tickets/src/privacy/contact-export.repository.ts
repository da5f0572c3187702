import { Injectable } from '@nestjs/common';
import type { PersonalRows } from '@app/channels';
import { DataSource, type EntityManager } from 'typeorm';
import { CONTACT_ROWS, SCOPE_CTE, scopeParams, type ContactTable } from './contact-rows.js';
import type { ContactDataScope } from './contact-scope.repository.js';

// Left out of the rows: generated search vectors, secrets, and bytes (streamed one by one instead).
const LEFT_OUT: Partial<Record<ContactTable, string[]>> = {
  tickets: ['search'],
  messages: ['search'],
  attachments: ['content'],
  inbound_items: ['raw'],
  contact_verifications: ['token_hash'],
};
const ORDER: Partial<Record<ContactTable, string>> = { ticket_events: 'x.id', sla_alerts: 'x.id', audit_events: 'x.id', inbound_items: 'x.received_at' };

/** Reads everything the ticket domain holds about a person, every column as stored. */
@Injectable()
export class ContactExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async rows(scope: ContactDataScope, em: EntityManager): Promise<PersonalRows> {
    const tables: PersonalRows = {};
    for (const [table, mine] of Object.entries(CONTACT_ROWS) as Array<[ContactTable, string]>) {
      const omitted = (LEFT_OUT[table] ?? []).map((column) => ` - '${column}'`).join('');
      const found = (await em.query(
        `${SCOPE_CTE} SELECT to_jsonb(x)${omitted} AS row FROM ${table} x, scope WHERE ${mine} ORDER BY ${ORDER[table] ?? 'x.created_at'}`,
        scopeParams(scope),
      )) as Array<{ row: Record<string, unknown> }>;
      tables[table] = found.map((item) => item.row);
    }
    return tables;
  }

  /** The bytes of an attachment, while they are kept. */
  async attachmentContent(id: string): Promise<Buffer | null> {
    const rows = (await this.dataSource.query(`SELECT content FROM attachments WHERE id = $1`, [id])) as Array<{ content: Buffer | null }>;
    return rows[0]?.content ?? null;
  }

  /** What a channel received, as it arrived, while it is kept. */
  async rawInbound(id: string): Promise<Buffer | null> {
    const rows = (await this.dataSource.query(`SELECT raw FROM inbound_items WHERE id = $1`, [id])) as Array<{ raw: Buffer | null }>;
    return rows[0]?.raw ?? null;
  }
}
