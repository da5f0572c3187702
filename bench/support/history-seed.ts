import type { TestEnvironment } from '../../test/support/test-environment.js';

/** What a seeded history holds, for the report. */
export interface SeededHistory {
  tickets: number;
  seconds: number;
}

// Each past ticket came in on one of the three channels, in turn.
const CHANNELS = ['email', 'chat', 'phone'] as const;

/**
 * Fills the emptied database with a past of `tickets` resolved tickets spread over the last year,
 * each as the intake leaves one (its stored item, contact, inbound message, sent confirmation,
 * events; a chat conversation or a phone call on those channels), then vacuums and analyzes it, as
 * autovacuum would have long before on a system with that past. A bench on empty tables measures
 * lookups in tables of a few thousand rows, planned with no statistics; the month-end surge lands
 * on a year of tickets. Set-based SQL: 100,000 tickets take about 22 s here.
 */
export async function seedHistory(env: TestEnvironment, tickets: number): Promise<SeededHistory> {
  const started = performance.now();
  if (tickets <= 0) return { tickets: 0, seconds: 0 };
  const client = await env.db.connect();
  try {
    await client.query('BEGIN');
    // One contact per two tickets, half a year apart.
    await client.query(
      `INSERT INTO contacts (id, name, email, phone, created_at, updated_at)
       SELECT md5('history-contact-' || c)::uuid, 'Cliente histórico ' || c, 'historial-' || c || '@ejemplo.mx',
              '+5299' || lpad(c::text, 8, '0'), now() - interval '400 days', now() - interval '400 days'
         FROM generate_series(1, $1::int) AS c`,
      [Math.ceil(tickets / 2)],
    );
    await client.query(
      `CREATE TEMP TABLE history ON COMMIT DROP AS
       SELECT n,
              ($2::text[])[1 + n % 3] AS channel,
              md5('history-ticket-' || n)::uuid AS ticket_id,
              md5('history-item-' || n)::uuid AS item_id,
              md5('history-message-' || n)::uuid AS message_id,
              md5('history-reply-' || n)::uuid AS reply_id,
              md5('history-contact-' || (1 + n % $3::int))::uuid AS contact_id,
              1 + n % $3::int AS contact_number,
              now() - interval '365 days' * n / $1::int - interval '1 day' AS at
         FROM generate_series(1, $1::int) AS n`,
      [tickets, CHANNELS, Math.ceil(tickets / 2)],
    );
    await client.query(
      `INSERT INTO inbound_items (id, channel, dedupe_key, source_ref, raw, size_bytes, summary, status, outcome, received_at, processed_at)
       SELECT item_id, channel, 'history-' || n, 'history ' || n,
              -- Retention (180 days by default) has already deleted the raw input of older tickets.
              CASE WHEN at > now() - interval '180 days' THEN convert_to('{"history":' || n || '}', 'UTF8') END, 20,
              jsonb_build_object('from', 'historial-' || contact_number || '@ejemplo.mx', 'subject', 'Consulta ' || n), 'done', 'created', at, at
         FROM history`,
    );
    await client.query(
      `INSERT INTO tickets (id, channel, subject, severity, severity_source, tier, status, contact_id, source_inbound_id, created_at, updated_at,
                            attention_due_at, solution_due_at, attention_risk_at, solution_risk_at, first_response_at, resolved_at,
                            last_customer_message_at, conversation_ref)
       SELECT ticket_id, channel, 'Consulta ' || n || ' sobre la factura', n % 4, 'auto', 'L1', 'resolved', contact_id, item_id, at, at + interval '3 hours',
              at + interval '2 hours', at + interval '8 hours', at + interval '90 minutes', at + interval '6 hours', at + interval '30 minutes',
              at + interval '3 hours', at, CASE channel WHEN 'email' THEN NULL ELSE 'history-' || n END
         FROM history`,
    );
    await client.query(`UPDATE inbound_items i SET ticket_id = h.ticket_id FROM history h WHERE i.id = h.item_id`);
    await client.query(
      `INSERT INTO messages (id, ticket_id, direction, channel, external_id, author_type, author_contact_id, subject, text, inbound_item_id, created_at)
       SELECT message_id, ticket_id, 'inbound', channel, 'history-' || n, 'contact', contact_id, 'Consulta ' || n,
              'No puedo timbrar la factura ' || n || ' desde el portal; el sistema marca un error al validar el RFC.', item_id, at
         FROM history
       UNION ALL
       SELECT reply_id, ticket_id, 'outbound', channel, 'history-' || n || '-confirmation', 'system', NULL, 'Ticket registrado',
              'Registramos tu solicitud con el número de ticket de la consulta ' || n || '.', NULL, at
         FROM history`,
    );
    await client.query(
      `INSERT INTO outbound_deliveries (ticket_id, message_id, channel, kind, dedupe_key, recipient, status, attempts, created_at, sent_at, send_started_at)
       SELECT ticket_id, reply_id, channel, 'confirmation', 'history-' || n || '-confirmation',
              CASE channel WHEN 'phone' THEN '+5299' || lpad(contact_number::text, 8, '0') WHEN 'chat' THEN 'history-' || n
                   ELSE 'historial-' || contact_number || '@ejemplo.mx' END,
              'sent', 1, at, at, at
         FROM history`,
    );
    await client.query(
      `INSERT INTO ticket_events (ticket_id, type, actor_type, data, created_at)
       SELECT ticket_id, event.type, 'system', '{}'::jsonb, at + event.after
         FROM history CROSS JOIN (VALUES ('created', interval '0'), ('severity_set', interval '0'), ('resolved', interval '3 hours')) AS event(type, after)
        ORDER BY at, event.after`,
    );
    await client.query(
      `INSERT INTO chat_conversations (token_hash, start_key, name, email, last_seq, created_at, last_activity_at)
       SELECT 'history-' || n, 'history-' || n, 'Cliente histórico ' || contact_number, 'historial-' || contact_number || '@ejemplo.mx', 0, at, at
         FROM history WHERE channel = 'chat'`,
    );
    await client.query(
      `INSERT INTO phone_calls (call_sid, caller, called, ticket_id, message_id, call_status, call_duration_seconds, ended_at, created_at, updated_at)
       SELECT 'CAhistory' || n, '+5299' || lpad(contact_number::text, 8, '0'), '+528147771119', ticket_id, message_id, 'completed', 95,
              at + interval '95 seconds', at, at
         FROM history WHERE channel = 'phone'`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  // As on a system that has run for a while: the past vacuumed and analyzed (autovacuum's work),
  // and its writes on disk, so the run neither pays for them nor for the first reads' hint bits.
  await env.db.query('VACUUM (ANALYZE)');
  await env.db.query('CHECKPOINT');
  return { tickets, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
