import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, ADMIN } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { AgentSocketClient } from '../../../test/support/socket-access.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import type { AgentJson, ContactWithTicketsJson, ItemsJson, MeJson, TicketListJson } from '@app/tickets';

interface TicketView {
  number: string;
  tier: string;
  status: string;
  severity: number;
  severitySource: string;
  version: string;
  firstResponseAt: string | null;
  assignee: { name: string } | null;
  mergedInto: string | null;
  messages: Array<{ id: string; direction: string; text: string; internal: boolean; authorName: string | null }>;
  events: Array<{ type: string; actorId: string | null; data: Record<string, unknown> }>;
}

const TOKEN_SECRET = 'secreto-de-prueba-para-tokens-0123456789';

describe('agents, tiers and the ticket workflow through the API', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let worker: AppProcess;
  let base: string;
  let admin: ApiClient;
  let l1: ApiClient;
  let l2: ApiClient;
  let l3: ApiClient;

  const view = async (client: ApiClient, number: string) => (await client.get<TicketView>(`/api/tickets/${number}`)).body;

  beforeAll(async () => {
    env = await TestEnvironment.create('inbox');
    sink = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), AUTH_TOKEN_SECRET: TOKEN_SECRET })).start();
    worker = await new AppProcess('worker', env.processEnv({ SMTP_URL: sink.url })).start();
    admin = await ApiClient.signIn(base, ADMIN);
    l1 = await admin.createAgent({ name: 'Ana Help Desk', email: 'ana@interfactura.com', tier: 'L1' });
    l2 = await admin.createAgent({ name: 'Omar Operaciones', email: 'omar@interfactura.com', tier: 'L2' });
    l3 = await admin.createAgent({ name: 'Dora Desarrollo', email: 'dora@interfactura.com', tier: 'L3' });
  });

  afterAll(async () => {
    await gateway?.stop();
    await worker?.stop();
    await sink?.close();
    await env?.close();
  });

  describe('authentication', () => {
    it('should answer 401 without a token, with a forged one and with an expired one', async () => {
      expect((await new ApiClient(base).get('/api/tickets')).status).toBe(401);
      expect((await new ApiClient(base, 'not-a-token').get('/api/tickets')).status).toBe(401);
      const expired = signJwt({ sub: '00000000-0000-0000-0000-000000000000', exp: Math.floor(Date.now() / 1000) - 60 }, TOKEN_SECRET);
      expect((await new ApiClient(base, expired).get('/api/tickets')).status).toBe(401);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    });

    it('should refuse a wrong password with 401 and a missing one with 400', async () => {
      expect((await new ApiClient(base).post('/api/auth/login', { email: ADMIN.email, password: 'incorrecta-123' })).status).toBe(401);
      expect((await new ApiClient(base).post('/api/auth/login', { email: ADMIN.email })).status).toBe(400);
    });

    it('should let only administrators manage agents', async () => {
      const attempt = await l1.post('/api/agents', { name: 'X', email: 'x@interfactura.com', password: 'clave-larga-123', tier: 'L1' });
      expect(attempt.status).toBe(403);
      expect((await admin.post('/api/agents', { name: 'Corta', email: 'c@interfactura.com', password: 'corta', tier: 'L1' })).status).toBe(400);
      // Long enough, and still among the first a guessing list tries: refused, saying why.
      const guessable = await admin.post<{ message: string }>('/api/agents', { name: 'Común', email: 'comun@interfactura.com', password: '1234567890', tier: 'L1' });
      expect([guessable.status, guessable.body.message]).toEqual([400, expect.stringContaining('de las primeras que se prueban al adivinar')]);
      const colleagues = await l1.get<ItemsJson<AgentJson>>('/api/agents');
      expect(colleagues.body.items.map((agent) => agent.email)).toEqual(expect.arrayContaining(['ana@interfactura.com', 'omar@interfactura.com']));
    });

    it('should refuse to demote or deactivate the last active administrator', async () => {
      const me = await admin.get<MeJson>('/api/auth/me');
      // The refusal carries a code the inbox says in Spanish.
      expect(await admin.patch(`/api/agents/${me.body.id}`, { role: 'agent' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
      expect((await admin.patch(`/api/agents/${me.body.id}`, { active: false })).status).toBe(409);
      expect(await admin.post('/api/agents', { name: 'Otra vez', email: ADMIN.email, password: 'clave-larga-123', tier: 'L1' })).toMatchObject({
        status: 409,
        body: { code: 'agent_email_taken' },
      });
      expect((await admin.get('/api/tickets')).status).toBe(200);
    });

    it('should stop a deactivated agent’s token at once', async () => {
      const temp = await admin.createAgent({ name: 'Temporal', email: 'temporal@interfactura.com', tier: 'L1' });
      const me = await temp.get<MeJson>('/api/auth/me');
      expect(me.status).toBe(200);
      expect((await admin.patch(`/api/agents/${me.body.id}`, { active: false })).status).toBe(200);
      expect((await temp.get('/api/tickets')).status).toBe(401);
    });
  });

  describe('the escalation path L1 → L2 → L3 → pending release → resolved', () => {
    it('should enforce each tier’s part and tell the customer of the solution', async () => {
      const ticket = await seedTicket(env, { email: 'nomina@empacadora.example', subject: 'Nómina no timbra', severity: 1 });

      // L2 and L3 do not see an L1 ticket; L1 does.
      expect((await l2.get(`/api/tickets/${ticket.number}`)).status).toBe(403);
      expect((await l2.get<TicketListJson>('/api/tickets')).body.items.map((item) => item.number)).not.toContain(ticket.number);
      expect((await l1.get(`/api/tickets/${ticket.number}`)).status).toBe(200);

      expect((await l1.post(`/api/tickets/${ticket.number}/escalate`, {})).status).toBe(400);
      expect((await l1.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Error interno del PAC en todos los recibos' })).status).toBe(200);
      expect(await view(l1, ticket.number)).toMatchObject({ tier: 'L2', status: 'open' });
      expect((await l1.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'otra vez' })).status).toBe(403);

      expect((await l2.post(`/api/tickets/${ticket.number}/take`)).status).toBe(200);
      expect((await view(l2, ticket.number)).assignee?.name).toBe('Omar Operaciones');
      expect((await l2.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Defecto en el timbrado de nómina 1.2' })).status).toBe(200);
      expect(await view(l3, ticket.number)).toMatchObject({ tier: 'L3', assignee: null });

      // L3 cannot resolve or release; it hands its fix back to L2.
      expect((await l3.post(`/api/tickets/${ticket.number}/resolve`, { resolution: 'listo' })).status).toBe(403);
      expect((await l3.post(`/api/tickets/${ticket.number}/fix-ready`, { note: 'Corregido el complemento de nómina' })).status).toBe(200);
      // The fix comes back to the L2 agent who sent the ticket up, and the release to the L1 agent who did.
      expect(await view(l2, ticket.number)).toMatchObject({ tier: 'L2', status: 'pending_release', assignee: { name: 'Omar Operaciones' } });
      expect((await l2.post(`/api/tickets/${ticket.number}/resolve`, { resolution: 'x' })).status).toBe(409);

      expect((await l2.post(`/api/tickets/${ticket.number}/release`, { note: 'Liberado a producción 14:05' })).status).toBe(200);
      expect(await view(l1, ticket.number)).toMatchObject({ tier: 'L1', status: 'open', assignee: { name: 'Ana Help Desk' } });

      const resolution = 'Corregimos el timbrado de recibos de nómina; ya puede timbrarlos.';
      expect((await l1.post(`/api/tickets/${ticket.number}/resolve`, { resolution })).status).toBe(200);
      const final = await view(l1, ticket.number);
      expect(final.status).toBe('resolved');
      expect(final.events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['escalated', 'assigned', 'fix_ready', 'released', 'resolved', 'resolution_queued', 'first_response']),
      );
      // Nobody had written to the customer before: the solution is the first response (attention met, not breached).
      expect(final.firstResponseAt).not.toBeNull();
      const escalations = final.events.filter((event) => event.type === 'escalated');
      expect(escalations.map((event) => [event.data.from, event.data.to, event.data.by])).toEqual([
        ['L1', 'L2', 'Ana Help Desk'],
        ['L2', 'L3', 'Omar Operaciones'],
      ]);

      const told = await sink.waitFor((mail) => mail.envelopeTo.includes('nomina@empacadora.example'), 'the resolution mail');
      expect(told.parsed.subject).toBe(`[${ticket.number}] Tu ticket quedó resuelto`);
      expect(told.parsed.text).toContain(resolution);
    });
  });

  describe('a ticket that is not for the tier it reached', () => {
    it('should let L3 send back what is not a defect and L2 what Help Desk solves, each to whoever escalated it, without telling the customer', async () => {
      const customer = 'csd@ferreteria.example';
      const ticket = await seedTicket(env, { email: customer, subject: 'No puedo timbrar', severity: 2 });
      expect((await l1.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Parece falla del PAC' })).status).toBe(200);
      expect((await l2.post(`/api/tickets/${ticket.number}/take`)).status).toBe(200);
      expect((await l2.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Posible defecto del timbrado' })).status).toBe(200);

      // L1 has nothing below it; L2 cannot send back what is at L3; a reason is required.
      expect((await l1.post(`/api/tickets/${ticket.number}/send-back`, { reason: 'x' })).status).toBe(403);
      expect((await l2.post(`/api/tickets/${ticket.number}/send-back`, { reason: 'x' })).status).toBe(403);
      expect((await l3.post(`/api/tickets/${ticket.number}/send-back`, {})).status).toBe(400);

      const notDefect = 'No es un defecto: el certificado (CSD) del cliente venció el 1 de diciembre.';
      expect((await l3.post(`/api/tickets/${ticket.number}/send-back`, { reason: notDefect })).status).toBe(200);
      expect(await view(l2, ticket.number)).toMatchObject({ tier: 'L2', status: 'open', assignee: { name: 'Omar Operaciones' } });
      expect((await l3.get(`/api/tickets/${ticket.number}`)).status).toBe(403);

      expect((await l2.post(`/api/tickets/${ticket.number}/send-back`, { reason: 'Help Desk le explica cómo renovar su CSD.' })).status).toBe(200);
      const back = await view(l1, ticket.number);
      expect(back).toMatchObject({ tier: 'L1', status: 'open', assignee: { name: 'Ana Help Desk' } });
      expect(back.events.filter((event) => event.type === 'sent_back').map((event) => [event.data.from, event.data.to, event.data.reason, event.data.by])).toEqual([
        ['L3', 'L2', notDefect, 'Dora Desarrollo'],
        ['L2', 'L1', 'Help Desk le explica cómo renovar su CSD.', 'Omar Operaciones'],
      ]);
      expect((await l1.post(`/api/tickets/${ticket.number}/send-back`, { reason: 'otra vez' })).status).toBe(409);
      // Moves between tiers are internal: the customer was told nothing.
      expect(back.messages.filter((message) => message.direction === 'outbound')).toEqual([]);
    });
  });

  describe('what each tier may write', () => {
    it('should let L3 add notes but not write to the customer of an L1 ticket it cannot see', async () => {
      const ticket = await seedTicket(env, { email: 'logo@papeleria.example', subject: 'Logo gris', severity: 2 });
      expect((await l3.post(`/api/tickets/${ticket.number}/replies`, { body: 'Hola' })).status).toBe(403);
      expect((await l1.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Revisar render PDF' })).status).toBe(200);
      expect((await l2.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Defecto en el PDF' })).status).toBe(200);
      expect((await l3.post(`/api/tickets/${ticket.number}/replies`, { body: 'Nota técnica: el PNG con alfa falla.', internal: true })).status).toBe(201);
      // L2 and L3 may contact the customer while the ticket is with them.
      expect((await l3.post(`/api/tickets/${ticket.number}/replies`, { body: '¿Nos comparte el archivo del logo?' })).status).toBe(201);
      expect((await l2.post(`/api/tickets/${ticket.number}/replies`, { body: 'Hola' })).status).toBe(403);
    });

    it('should not let an incident reach tickets the agent cannot see, nor tell other tiers of them', async () => {
      const atL1 = await seedTicket(env, { email: 'caido@ferreteria.example', subject: 'No carga el portal', severity: 1 });
      const atL2 = await seedTicket(env, { email: 'lento@ferreteria.example', subject: 'El portal tarda', severity: 1 });
      expect((await l1.post(`/api/tickets/${atL2.number}/escalate`, { reason: 'Lentitud en el servidor' })).status).toBe(200);
      const watching = await AgentSocketClient.connect(base, l2.accessToken!);
      try {
        // Linking is how an incident's updates and resolution reach a customer: L2 may not link an L1 ticket.
        const refused = await l2.post<{ message: string }>('/api/incidents', { title: 'Portal lento', severity: 1, tickets: [atL1.number, atL2.number] });
        expect(refused.status).toBe(403);
        expect(refused.body.message).toContain(atL1.number);
        expect((await l2.get<{ items: Array<{ title: string }> }>('/api/incidents')).body.items.map((item) => item.title)).not.toContain('Portal lento');
        const opened = await l2.post<{ id: string; tickets: string[] }>('/api/incidents', { title: 'Portal lento', severity: 1, tickets: [atL2.number] });
        expect(opened.status).toBe(201);
        expect((await l2.post(`/api/incidents/${opened.body.id}/tickets`, { add: [atL1.number] })).status).toBe(403);

        // L1 sees every ticket and links it; L2's inbox hears of its own ticket, never of the L1 one.
        const changedFor = (number: string) => watching.received.filter((entry) => entry.event === 'ticket:changed' && entry.payload.number === number);
        const before = changedFor(atL2.number).length;
        expect((await l1.patch(`/api/incidents/${opened.body.id}`, { severity: 0 })).status).toBe(200);
        expect((await l1.post(`/api/incidents/${opened.body.id}/tickets`, { add: [atL1.number] })).status).toBe(200);
        await eventually(() => changedFor(atL2.number).length > before, { what: 'the L2 ticket changed by the incident' });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(changedFor(atL1.number)).toEqual([]);
      } finally {
        watching.close();
      }
    });

    it('should tell the customer when L1 changes the severity, and record it as set by an agent', async () => {
      const ticket = await seedTicket(env, { email: 'folios@abarrotes.example', subject: 'Folios repetidos', severity: 2 });
      expect((await l3.patch(`/api/tickets/${ticket.number}`, { severity: 1 })).status).toBe(403);
      expect((await l1.patch(`/api/tickets/${ticket.number}`, { severity: 9 })).status).toBe(400);
      const changed = await l1.patch<TicketView>(`/api/tickets/${ticket.number}`, { severity: 1, reason: 'Afecta toda la serie A' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ severity: 1, severitySource: 'agent' });
      const told = await sink.waitFor((mail) => mail.envelopeTo.includes('folios@abarrotes.example'), 'the severity notice');
      expect(told.parsed.text).toContain('de 2 a 1');
      expect(told.parsed.text).toContain('Afecta toda la serie A');
    });
  });

  describe('collisions, merging, search and the contact view', () => {
    it('should warn before sending a reply written against a timeline that changed meanwhile', async () => {
      const ticket = await seedTicket(env, { email: 'choque@ejemplo.example', subject: 'Duda de cancelación', severity: 3 });
      const opened = await view(l1, ticket.number);
      // A colleague answers first.
      await admin.post(`/api/tickets/${ticket.number}/replies`, { body: 'Ya le respondí yo.' });
      const stale = await l1.post<{ details: { reason: string } }>(`/api/tickets/${ticket.number}/replies`, { body: 'Hola', baseVersion: opened.version });
      expect(stale.status).toBe(409);
      expect(stale.body.details.reason).toBe('timeline_changed');
      expect((await l1.post(`/api/tickets/${ticket.number}/replies`, { body: 'Hola', baseVersion: opened.version, force: true })).status).toBe(201);
    });

    it('should merge two tickets of the same customer and refuse tickets of different customers', async () => {
      const first = await seedTicket(env, { email: 'doble@ferreteria.example', subject: 'No timbra', severity: 2 });
      const [contact] = await env.query<{ id: string }>(`SELECT id FROM contacts WHERE email = 'doble@ferreteria.example'`);
      const second = await seedTicketFor(env, contact!.id, 'No timbra (otra vez)');
      const stranger = await seedTicket(env, { email: 'otro@cliente.example', subject: 'Otro', severity: 3 });

      expect(await l1.post(`/api/tickets/${second}/merge`, { into: stranger.number })).toMatchObject({ status: 409, body: { code: 'merge_other_customer' } });
      const merged = await l1.post<TicketView>(`/api/tickets/${second}/merge`, { into: first.number });
      expect(merged.status).toBe(200);
      expect(merged.body.messages.length).toBe(2);
      expect(await view(l1, second)).toMatchObject({ status: 'merged', mergedInto: first.number });
    });

    it('should find tickets by words of their messages with Spanish stemming', async () => {
      const ticket = await seedTicket(env, { email: 'busqueda@ejemplo.example', subject: 'Consulta', severity: 3 });
      await env.query(`UPDATE messages SET text = 'Las facturas globales de mayo no timbraron' WHERE id = $1`, [ticket.messageId]);
      const found = await l1.get<TicketListJson>(`/api/tickets?q=${encodeURIComponent('factura global timbrar')}`);
      expect(found.body.items.map((item) => item.number)).toEqual([ticket.number]);
    });

    it('should show every ticket of a person across channels', async () => {
      const ticket = await seedTicket(env, { email: 'multicanal@ejemplo.example', subject: 'Por correo', severity: 3 });
      const [contact] = await env.query<{ id: string }>(`SELECT id FROM contacts WHERE email = 'multicanal@ejemplo.example'`);
      await env.query(`UPDATE contacts SET phone = '+528112345678' WHERE id = $1`, [contact!.id]);
      const byPhone = await seedTicketFor(env, contact!.id, 'Llamada', 'phone');
      const person = await l1.get<ContactWithTicketsJson>(`/api/contacts/${contact!.id}`);
      expect(person.body.contact.phone).toBe('+528112345678');
      expect(person.body.tickets.map((item) => [item.number, item.channel]).sort()).toEqual(
        [
          [ticket.number, 'email'],
          [byPhone, 'phone'],
        ].sort(),
      );
      expect((await l1.get('/api/contacts/not-an-id')).status).toBe(400);
      expect((await l1.get('/api/contacts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  it('should answer 404 for actions on a ticket that does not exist', async () => {
    await eventually(async () => ((await l1.post('/api/tickets/IF-999999/escalate', { reason: 'x' })).status === 404 ? true : undefined));
  });
});

async function seedTicketFor(env: TestEnvironment, contactId: string, subject: string, channel = 'email'): Promise<string> {
  const [row] = await env.query<{ id: string; number: string }>(
    `INSERT INTO tickets (channel, subject, severity, severity_source, status, contact_id,
                          attention_due_at, attention_risk_at, solution_due_at, solution_risk_at)
     VALUES ($1, $2, 2, 'auto', 'new', $3, now() + interval '2 hours', now() + interval '90 minutes',
             now() + interval '8 hours', now() + interval '6 hours') RETURNING id, number`,
    [channel, subject, contactId],
  );
  await env.query(
    `INSERT INTO messages (ticket_id, direction, channel, external_id, author_type, author_contact_id, text)
     VALUES ($1, 'inbound', $2, $3, 'contact', $4, $5)`,
    [row!.id, channel, `${row!.id}-m`, contactId, subject],
  );
  return row!.number;
}

function signJwt(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
