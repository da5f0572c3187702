import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RECORDING_DELETED } from '../calls/call-state.js';
import { CONTACT_ROWS, SCOPE_CTE, scopeParams, type ContactTable } from './contact-rows.js';
import type { ContactDataScope } from './contact-scope.repository.js';
import { REDACTED } from './personal-data-redaction.js';
import { ERASURE_OMITTED_REASON } from './retention-policy.js';

/** What an erased ticket's subject and an erased message's text become. */
export const ERASED_SUBJECT = '[datos eliminados por solicitud ARCO]';
export const ERASED_MESSAGE_TEXT = '[contenido eliminado por solicitud ARCO]';
/** Why a delivery that had not gone out yet never will. */
export const ERASED_DELIVERY_ERROR = 'contacto eliminado por solicitud ARCO';

// `$5` onwards are each statement's own values; `x` is the table, SCOPE_CTE gives the person's rows.
const ERASE: Partial<Record<ContactTable, string>> = {
  contacts: `UPDATE contacts x SET name = NULL, email = NULL, claimed_email = NULL, phone = NULL, rfc = NULL,
               email_undeliverable_at = NULL, email_undeliverable_reason = NULL, erased_at = now(), updated_at = now()`,
  // The ticket stays for the SLA reports: times, severity, tier, status, channel; its words go.
  tickets: `UPDATE tickets x SET subject = $5, cfdi = '{}'::jsonb, progress_note = NULL, updated_at = now()`,
  // Our own messages too: they greet the person by name and quote them. New ids: no reply threads back here.
  messages: `UPDATE messages x SET text = $5, html_sanitized = NULL, subject = NULL, from_address = NULL,
               author_name = CASE WHEN x.author_type = 'contact' THEN NULL ELSE x.author_name END,
               thread_refs = '[]'::jsonb, external_id = 'erased-' || x.id`,
  attachments: `UPDATE attachments x SET content = NULL, sha256 = NULL, content_id = NULL, filename = $5, omitted_reason = $6`,
  outbound_deliveries: `UPDATE outbound_deliveries x SET recipient = $5,
               status = CASE WHEN x.status IN ('pending', 'held') THEN 'failed' ELSE x.status END,
               last_error = CASE WHEN x.status IN ('pending', 'held') THEN $6 ELSE NULL END`,
  // Keys may carry the sender (a callback's query names the caller): a redelivery now counts as new.
  // Pending items are left to the intake (it is reading them); what they create is erased by a new request.
  inbound_items: `UPDATE inbound_items x SET raw = NULL, summary = '{}'::jsonb, last_error = NULL, dedupe_key = 'erased-' || x.id`,
  phone_calls: `UPDATE phone_calls x SET caller = NULL, recording_url = NULL, transcription_text = NULL, updated_at = now(),
               recording_status = CASE WHEN x.recording_url IS NOT NULL THEN $5 ELSE x.recording_status END`,
  // The link stops working: its token's hash stays unique, its address goes.
  contact_verifications: `UPDATE contact_verifications x SET email = $5, expires_at = least(x.expires_at, now())`,
  maintenance_notices: `UPDATE maintenance_notices x SET recipient = 'erased-' || x.id, last_error = NULL,
               status = CASE WHEN x.status IN ('pending', 'held') THEN 'failed' ELSE x.status END`,
};
const VALUES: Partial<Record<ContactTable, unknown[]>> = {
  tickets: [ERASED_SUBJECT],
  messages: [ERASED_MESSAGE_TEXT],
  attachments: [REDACTED, ERASURE_OMITTED_REASON],
  outbound_deliveries: [REDACTED, ERASED_DELIVERY_ERROR],
  phone_calls: [RECORDING_DELETED],
  contact_verifications: [REDACTED],
};
const EXTRA_CONDITION: Partial<Record<ContactTable, string>> = { inbound_items: `x.status <> 'pending'` };

/** Takes a person out of the ticket domain's tables; the records of what happened stay, anonymous. */
@Injectable()
export class ContactErasureRepository {
  /**
   * Erases, in the caller's transaction, every row CONTACT_ROWS finds for the person (the scope
   * was read before, so the order does not matter); rows changed by table. Log entries and severity
   * reasons are redacted by the caller; severity examples are deleted (the customer's words only).
   */
  async erase(scope: ContactDataScope, em: EntityManager): Promise<Record<string, number>> {
    const changed: Record<string, number> = {};
    for (const table of Object.keys(ERASE) as ContactTable[]) {
      const condition = [`(${CONTACT_ROWS[table]})`, EXTRA_CONDITION[table]].filter(Boolean).join(' AND ');
      const [, count] = (await em.query(`${SCOPE_CTE} ${ERASE[table]} FROM scope WHERE ${condition}`, [...scopeParams(scope), ...(VALUES[table] ?? [])])) as [
        unknown[],
        number,
      ];
      changed[table] = count;
    }
    const [, examples] = (await em.query(`${SCOPE_CTE} DELETE FROM severity_examples x USING scope WHERE ${CONTACT_ROWS.severity_examples}`, scopeParams(scope))) as [
      unknown[],
      number,
    ];
    changed.severity_examples = examples;
    return changed;
  }

  /** The severity reasons of the person's tickets (cues and words taken from their text), for a redaction decided by the caller. */
  async severityReasons(scope: ContactDataScope, em: EntityManager): Promise<Array<{ id: string; reasons: unknown }>> {
    return (await em.query(`SELECT id, severity_reasons AS reasons FROM tickets WHERE id = ANY($1::uuid[])`, [scope.ticketIds])) as Array<{ id: string; reasons: unknown }>;
  }

  async replaceSeverityReasons(rows: Array<{ id: string; reasons: unknown }>, em: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE tickets t SET severity_reasons = v.reasons FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, reasons jsonb) WHERE t.id = v.id`,
      [JSON.stringify(rows)],
    );
  }
}
