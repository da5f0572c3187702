import type { ContactDataScope } from './contact-scope.repository.js';

/**
 * Where a person is in the ticket domain's tables: for each table, which rows are theirs. Export
 * and erasure read this one map, so a row the export shows is a row the erasure reaches. Each
 * statement starts with SCOPE_CTE and names the table `x`.
 */
export const SCOPE_CTE = `WITH scope AS (SELECT $1::uuid[] AS contacts, $2::uuid[] AS tickets, $3::uuid[] AS messages, $4::text[] AS addresses)`;

export const CONTACT_ROWS = {
  contacts: `x.id = ANY(scope.contacts)`,
  tickets: `x.id = ANY(scope.tickets)`,
  messages: `x.id = ANY(scope.messages)`,
  attachments: `x.message_id = ANY(scope.messages)`,
  ticket_events: `x.ticket_id = ANY(scope.tickets)`,
  outbound_deliveries: `x.ticket_id = ANY(scope.tickets) OR x.message_id = ANY(scope.messages)`,
  inbound_items: `x.ticket_id = ANY(scope.tickets)
    OR x.id IN (SELECT inbound_item_id FROM messages WHERE id = ANY(scope.messages))
    OR x.id IN (SELECT source_inbound_id FROM tickets WHERE id = ANY(scope.tickets))
    OR lower(x.summary ->> 'from') = ANY(scope.addresses)`,
  phone_calls: `x.ticket_id = ANY(scope.tickets) OR x.message_id = ANY(scope.messages) OR x.caller = ANY(scope.addresses)`,
  contact_verifications: `x.contact_id = ANY(scope.contacts) OR x.verified_contact_id = ANY(scope.contacts) OR x.ticket_id = ANY(scope.tickets)`,
  severity_examples: `x.ticket_id = ANY(scope.tickets)`,
  sla_alerts: `x.ticket_id = ANY(scope.tickets)`,
  maintenance_notices: `lower(x.recipient) = ANY(scope.addresses)`,
  audit_events: `x.subject_type = 'contact' AND x.subject_id = ANY(scope.contacts::text[])`,
} as const;

export type ContactTable = keyof typeof CONTACT_ROWS;

/** The statement parameters SCOPE_CTE expects. */
export function scopeParams(scope: ContactDataScope): unknown[] {
  return [scope.contactIds, scope.ticketIds, scope.messageIds, [...scope.emails, ...scope.phones]];
}
