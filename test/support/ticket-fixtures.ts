import type { TestEnvironment } from './test-environment.js';

export interface SeededTicket {
  id: string;
  number: string;
  messageId: string;
  attachmentId: string;
}

/** Writes a ticket with one customer mail and an attachment straight into Postgres (for API tests). */
export async function seedTicket(
  env: TestEnvironment,
  ticket: { email: string | null; phone?: string; name?: string; subject: string; severity: number; channel?: string; status?: string },
): Promise<SeededTicket> {
  const [contact] = await env.query<{ id: string }>(`INSERT INTO contacts (email, phone, name) VALUES ($1, $2, $3) RETURNING id`, [
    ticket.email,
    ticket.phone ?? null,
    ticket.name ?? null,
  ]);
  const [row] = await env.query<{ id: string; number: string }>(
    `INSERT INTO tickets (channel, subject, severity, severity_source, severity_reasons, status, contact_id,
                          attention_due_at, attention_risk_at, solution_due_at, solution_risk_at)
     VALUES ($1, $2, $3, 'auto', '["test"]', $4, $5, now() + interval '2 hours', now() + interval '90 minutes',
             now() + interval '8 hours', now() + interval '6 hours') RETURNING id, number`,
    [ticket.channel ?? 'email', ticket.subject, ticket.severity, ticket.status ?? 'new', contact!.id],
  );
  const [message] = await env.query<{ id: string }>(
    `INSERT INTO messages (ticket_id, direction, channel, external_id, author_type, author_contact_id, from_address, text, html_sanitized)
     VALUES ($1, 'inbound', 'email', $2, 'contact', $3, $4, 'Texto del cliente', '<p>Texto del cliente</p>') RETURNING id`,
    [row!.id, `${row!.id}@cliente.example.mx`, contact!.id, ticket.email ?? ticket.phone ?? null],
  );
  const [attachment] = await env.query<{ id: string }>(
    `INSERT INTO attachments (message_id, filename, content_type, size_bytes, content)
     VALUES ($1, 'reporte.html', 'text/html', 28, convert_to('<script>alert(1)</script>', 'UTF8')) RETURNING id`,
    [message!.id],
  );
  await env.query(`INSERT INTO ticket_events (ticket_id, type, actor_type, data) VALUES ($1, 'created', 'contact', '{}')`, [row!.id]);
  return { id: row!.id, number: row!.number, messageId: message!.id, attachmentId: attachment!.id };
}
