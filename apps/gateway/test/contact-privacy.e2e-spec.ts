import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isValidRfc } from '../../../libs/tickets/src/cfdi/rfc.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { CustomerStack, mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { buildMail, customerAddress } from '../../../test/support/mail-builder.js';

type Row = Record<string, unknown>;
interface ExportJson {
  format: string;
  contactId: string;
  exportedBy: { id: string; name: string };
  tables: Record<string, Row[]>;
}
interface TicketJson {
  number: string;
  subject: string;
  status: string;
  severity: number;
  contact: { id: string; name: string | null; email: string | null; phone: string | null; rfc: string | null; erasedAt: string | null };
  messages: Array<{ id: string; direction: string; text: string; attachments: Array<{ filename: string; omittedReason: string | null; url: string | null }> }>;
  events: Array<{ type: string; data: Row }>;
}
interface SlaReportJson {
  rows: Array<{ dimension: string; key: string; tickets: number; attentionDecided: number; solutionDecided: number }>;
}

/** A valid RFC of a person (its check digit computed as the SAT does), unique to this run. */
function personRfc(): string {
  const stem = `FEOL85021${String(randomBytes(1)[0]! % 10)}${'ABCDEFGHJK'[randomBytes(1)[0]! % 10]}${'LMNPQRSTUV'[randomBytes(1)[0]! % 10]}`;
  const rfc = [...'0123456789A'].map((digit) => `${stem}${digit}`).find(isValidRfc);
  if (!rfc) throw new Error(`no check digit makes ${stem} valid`);
  return rfc;
}

describe('ARCO requests: an administrator exports and erases everything held about a contact (gateway, worker, every channel)', () => {
  let stack: CustomerStack;
  const person = {
    name: 'Lucía Fernández Ochoa',
    email: customerAddress('lucia'),
    phone: mobileNumber(),
    rfc: personRfc(),
  };
  const other = { name: 'Tomás Quiroga Paz', email: customerAddress('tomas') };
  const file = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><nota folio="${randomBytes(8).toString('hex')}">Factura de Lucía</nota>`);
  let contactId: string;
  let tickets: { mail: string; chat: string; call: string; other: string };
  let recordingUrl: string;
  let recordingSid: string;
  let chatToken: string;
  let confirmationId: string;

  const ticket = async (number: string) => (await stack.api.get<TicketJson>(`/api/tickets/${number}`)).body;
  const slaReport = async () => (await stack.api.get<SlaReportJson>('/api/reports/sla')).body.rows;
  const personTicketIds = async () => (await stack.env.query<{ id: string }>(`SELECT id FROM tickets WHERE number = ANY($1)`, [[tickets.mail, tickets.chat, tickets.call]])).map((row) => row.id);

  /** Every place in the database that still holds `needle`: text and JSON columns, and bytes. */
  async function whereIs(needle: string): Promise<string[]> {
    const columns = await stack.env.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.table_name <> 'migrations' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY', 'tsvector')`,
    );
    const found: string[] = [];
    for (const column of columns) {
      const test =
        column.data_type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${column.column_name}") > 0` : `"${column.column_name}"::text ILIKE '%' || $1 || '%'`;
      const [hit] = await stack.env.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${column.table_name}" WHERE ${test}`, [needle]);
      if (hit!.n > 0) found.push(`${column.table_name}.${column.column_name} (${hit!.n})`);
    }
    return found;
  }

  beforeAll(async () => {
    stack = await CustomerStack.start('arco');
    const admin = stack.api;

    // By mail, with a file, the RFC and the phone number in the text.
    const mail = await stack.mail({
      from: person.email,
      fromName: person.name,
      subject: `Factura rechazada, RFC ${person.rfc}`,
      text: `Buenas tardes, soy ${person.name}, RFC ${person.rfc}. El portal rechaza mi factura; mi teléfono es ${person.phone}.`,
      attachments: [{ filename: 'factura-lucia.xml', contentType: 'application/xml', content: file }],
    });
    contactId = (await ticket(mail.ticketNumber)).contact.id;
    expect((await admin.post(`/api/tickets/${mail.ticketNumber}/replies`, { body: `Hola ${person.name}, ya revisamos el RFC ${person.rfc}.` })).status).toBe(201);
    expect((await admin.post(`/api/tickets/${mail.ticketNumber}/confirm-severity`, {})).status).toBe(200);
    expect((await admin.post(`/api/tickets/${mail.ticketNumber}/escalate`, { reason: `${person.name} necesita revisión del timbrado` })).status).toBe(200);
    confirmationId = await eventually(async () => stack.sink.to(person.email).find((sent) => sent.parsed.subject?.includes(mail.ticketNumber))?.parsed.messageId);

    // By chat, with the same address (a claim, apart until verified) and the RFC.
    const chat = await stack.chat({ name: person.name, email: person.email, rfc: person.rfc, message: `Sigo sin poder timbrar, soy ${person.name}` });
    chatToken = chat.token;

    // By phone: the contact knows the number (an agent noted it), so the call lands on them.
    await stack.env.query(`UPDATE contacts SET phone = $2 WHERE id = $1`, [contactId, person.phone]);
    const call = await stack.call(person.phone, `Habla ${person.name}, mi RFC es ${person.rfc}`);
    recordingUrl = call.call.recordingUrl;
    recordingSid = call.call.recordingSid;

    const unrelated = await stack.mail({ from: other.email, fromName: other.name, subject: 'No descarga el PDF', text: `Soy ${other.name} y no descarga el PDF.` });
    tickets = { mail: mail.ticketNumber, chat: chat.ticketNumber, call: call.ticketNumber, other: unrelated.ticketNumber };
    // The outbox has caught up: confirmations, the reply, the SMS.
    await eventually(async () => (await stack.env.query(`SELECT 1 FROM outbound_deliveries WHERE status = 'pending'`)).length === 0, { what: 'every delivery to go out' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('should export everything held about the contact as one JSON download: every row of every table about them, files included', async () => {
    const response = await fetch(`${stack.base}/api/contacts/${contactId}/export`, { headers: { authorization: `Bearer ${stack.api.accessToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contacto-${contactId}.json"`);
    const exported = (await response.json()) as ExportJson;
    expect(exported).toMatchObject({ format: 'ventanilla.contact-export.v1', contactId, exportedBy: { name: expect.any(String) } });
    const tables = exported.tables;

    // The contact, and the chat's claim of the same address.
    expect(tables.contacts!.map((row) => row.email ?? row.claimed_email)).toEqual([person.email, person.email]);
    expect(tables.contacts![0]).toMatchObject({ id: contactId, name: person.name, phone: person.phone });
    expect(new Set(tables.tickets!.map((row) => row.number))).toEqual(new Set([tickets.mail, tickets.chat, tickets.call]));

    // Generic completeness: every row of every table that points at the person's tickets or contacts is in the export.
    const ticketIds = await personTicketIds();
    const contactIds = tables.contacts!.map((row) => String(row.id));
    const references = await stack.env.query<{ table_name: string; column_name: string; key: string }>(
      `SELECT c.table_name, c.column_name,
              (SELECT k.column_name FROM information_schema.table_constraints p
                 JOIN information_schema.key_column_usage k ON k.constraint_name = p.constraint_name AND k.table_name = p.table_name
                WHERE p.table_name = c.table_name AND p.constraint_type = 'PRIMARY KEY' LIMIT 1) AS key
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.column_name IN ('ticket_id', 'contact_id', 'author_contact_id', 'verified_contact_id')`,
    );
    const missing: string[] = [];
    for (const { table_name: table, column_name: column, key } of references) {
      const ids = column === 'ticket_id' ? ticketIds : contactIds;
      const held = await stack.env.query<{ key: string }>(`SELECT "${key}"::text AS key FROM "${table}" WHERE "${column}"::text = ANY($1)`, [ids]);
      const inExport = new Set((tables[table] ?? []).map((row) => String(row[key])));
      for (const row of held) if (!inExport.has(row.key)) missing.push(`${table}.${key}=${row.key} (by ${column})`);
    }
    expect(missing).toEqual([]);
    for (const table of ['messages', 'ticket_events', 'outbound_deliveries', 'inbound_items', 'phone_calls', 'contact_verifications', 'severity_examples']) {
      expect({ table, rows: tables[table]!.length > 0 }).toEqual({ table, rows: true });
    }

    // Files and what arrived, as bytes; the chat's transcript; the call's recording and transcription.
    const attachment = tables.attachments!.find((row) => row.filename === 'factura-lucia.xml')!;
    expect(Buffer.from(String(attachment.content_base64), 'base64').equals(file)).toBe(true);
    const rawMail = tables.inbound_items!.map((row) => (row.raw_base64 ? Buffer.from(String(row.raw_base64), 'base64').toString('utf8') : '')).find((raw) => raw.includes('Factura rechazada'));
    expect(rawMail).toContain(`From: =?UTF-8?B?`);
    expect(tables.chat_conversations!.map((row) => row.email)).toContain(person.email);
    expect(tables.chat_conversations![0]).not.toHaveProperty('token_hash');
    expect(tables.chat_entries!.map((row) => (row.payload as Row).text)).toContain(`Sigo sin poder timbrar, soy ${person.name}`);
    expect(tables.phone_calls![0]).toMatchObject({ caller: person.phone, recording_url: recordingUrl, transcription_text: `Habla ${person.name}, mi RFC es ${person.rfc}` });
    expect(tables.contact_verifications![0]).not.toHaveProperty('token_hash');

    // Nobody else's data: the other customer's ticket is not in it.
    expect(JSON.stringify(exported)).not.toContain(other.email);

    // The audit event: who, when, what, how many rows; the export lists it too.
    const [audit] = await stack.env.query<{ actor_name: string; details: { rows: Record<string, number> } }>(
      `SELECT actor_name, details FROM audit_events WHERE action = 'contact_exported' AND subject_id = $1`,
      [contactId],
    );
    expect(audit!.actor_name).toBe(exported.exportedBy.name);
    expect(audit!.details.rows).toMatchObject({ contacts: 2, tickets: 3, messages: tables.messages!.length, attachments: tables.attachments!.length, chat_entries: tables.chat_entries!.length });
    expect(tables.audit_events!.map((row) => row.action)).toEqual(['contact_exported']);
  });

  it('should refuse to erase unless the request names the contact again, and change nothing then', async () => {
    for (const body of [{}, { confirm: '' }, { confirm: other.email }, { confirm: 'sí' }]) {
      const refused = await stack.api.post<{ message: string }>(`/api/contacts/${contactId}/erase`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('confirm');
    }
    expect((await ticket(tickets.mail)).contact).toMatchObject({ name: person.name, email: person.email });
    expect(await stack.env.query(`SELECT 1 FROM audit_events WHERE action = 'contact_erased'`)).toEqual([]);
  });

  it('should erase the person everywhere, keep the tickets anonymous for the SLA report, and keep the audit event', async () => {
    const reportBefore = await slaReport();
    const erased = await stack.api.post<{ rows: Record<string, number>; tickets: number; providerRecordings: string[]; audit: { id: string } }>(
      `/api/contacts/${contactId}/erase`,
      { confirm: person.email.toUpperCase() },
    );
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ tickets: 3, providerRecordings: [recordingSid] });
    expect(erased.body.rows).toMatchObject({ contacts: 2, tickets: 3, chat_conversations: 1, severity_examples: 1 });

    // Nothing of the person is left in any table: name, surname, address, number (both ways), RFC, recording link.
    const identifiers = [person.name, 'Fernández', person.email, person.phone, person.phone.slice(3), person.rfc, recordingUrl];
    const left = Object.fromEntries(await Promise.all(identifiers.map(async (needle) => [needle, await whereIs(needle)] as const)));
    expect(left).toEqual(Object.fromEntries(identifiers.map((needle) => [needle, []])));
    // The search test itself finds what is still there: the other customer.
    expect(await whereIs(other.email)).not.toEqual([]);

    // The tickets stay, anonymous: same severity, times and status, and the SLA report counts them as before.
    const view = await ticket(tickets.mail);
    expect(view).toMatchObject({ subject: '[datos eliminados por solicitud ARCO]', contact: { id: contactId, name: null, email: null, phone: null, rfc: null, erasedAt: expect.any(String) } });
    expect(view.messages.every((message) => message.text === '[contenido eliminado por solicitud ARCO]')).toBe(true);
    expect(view.messages.flatMap((message) => message.attachments)).toEqual([expect.objectContaining({ filename: '[eliminado]', omittedReason: 'erasure', url: null })]);
    expect(view.events.map((event) => event.type)).toEqual(expect.arrayContaining(['created', 'escalated', 'contact_erased']));
    expect(await slaReport()).toEqual(reportBefore);
    expect(reportBefore.find((row) => row.dimension === 'all')!.tickets).toBeGreaterThanOrEqual(4);

    // The audit event survives (the log refuses changes), with who, what and how many rows.
    const audits = await stack.env.query<{ action: string; actor_type: string; actor_name: string; details: { rows: Record<string, number> } }>(
      `SELECT action, actor_type, actor_name, details FROM audit_events WHERE subject_id = $1 ORDER BY id`,
      [contactId],
    );
    expect(audits.map((audit) => audit.action)).toEqual(['contact_exported', 'contact_erased']);
    expect(audits[1]).toMatchObject({ actor_type: 'agent', details: { rows: erased.body.rows } });
    await expect(stack.env.query(`DELETE FROM audit_events WHERE subject_id = $1`, [contactId])).rejects.toThrow(/append-only/);

    // The unrelated customer is untouched.
    expect((await ticket(tickets.other)).contact).toMatchObject({ name: other.name, email: other.email });
  });

  it('should leave nothing that leads back: the chat token no longer resumes, a reply to the old thread opens a new ticket, a second erase is refused', async () => {
    const resumed = await ChatTestClient.connect(stack.base, { token: chatToken });
    expect(resumed.session).toEqual({ state: 'new', reason: 'invalid_token' });
    resumed.close();

    const reply = buildMail({
      from: person.email,
      fromName: person.name,
      subject: `RE: [${tickets.mail}] Factura rechazada`,
      text: 'Vuelvo a escribir: ¿qué pasó con mi factura?',
      inReplyTo: confirmationId.replace(/[<>]/g, ''),
      references: [confirmationId.replace(/[<>]/g, '')],
    });
    await stack.dovecot.append(reply.raw);
    const landed = await eventually(
      async () => (await stack.env.query<{ number: string; contact_id: string }>(`SELECT t.number, t.contact_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.external_id = $1`, [reply.messageId]))[0],
      { what: 'the reply to be ingested' },
    );
    expect(landed.number).not.toBe(tickets.mail);
    expect(landed.contact_id).not.toBe(contactId);

    const again = await stack.api.post<{ message: string }>(`/api/contacts/${contactId}/erase`, { confirm: contactId });
    expect(again.status).toBe(409);
    // When, as agents read every time: Mexico City's, not a raw UTC timestamp.
    expect(again.body.message).toMatch(/^Los datos de este contacto ya se eliminaron el .+ \(hora del centro de México\)\.$/);
  });
});
