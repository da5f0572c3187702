import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket, type SeededTicket } from '../../../test/support/ticket-fixtures.js';

/** Words an English refusal is made of ("must", "is not", "already", "Cannot GET"). */
const ENGLISH = /\b(must|the|is|not|only|already|does|cannot|Cannot|invalid|Unexpected|required|should)\b/;
const SPANISH = /[áéíóúñ]|\b(el|la|los|debe|ya|no|es|de)\b/i;

const jsonOf = async (answer: Promise<Response>): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await answer;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('gateway HTTP API (read-only tickets, inbound items, health)', () => {
  let env: TestEnvironment;
  let gateway: AppProcess;
  let base: string;
  let outage: SeededTicket;

  let api: ApiClient;
  const getJson = async (path: string) => {
    const response = await api.get(path);
    return { ...response, json: response.body };
  };

  beforeAll(async () => {
    env = await TestEnvironment.create('api');
    outage = await seedTicket(env, { email: 'laura@kimchi.example', name: 'Laura Kim', subject: 'Portal caído', severity: 0 });
    await seedTicket(env, { email: 'mario@ferre.example', subject: 'Cómo cambio mi logo', severity: 3, status: 'resolved' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), HEALTH_MAX_QUEUE_AGE_MS: '1000' })).start();
    api = await ApiClient.signIn(base);
  });

  afterAll(async () => {
    await gateway?.stop();
    await env?.close();
  });

  it('should list tickets newest first with the summary fields of the contract', async () => {
    const { status, json } = await getJson('/api/tickets');
    expect(status).toBe(200);
    expect(json.total).toBe(2);
    const [first] = json.items as Array<Record<string, unknown>>;
    expect(first).toMatchObject({
      number: expect.stringMatching(/^IF-\d{6}$/),
      channel: 'email',
      subject: 'Cómo cambio mi logo',
      severity: 3,
      tier: 'L1',
      status: 'resolved',
      contact: { name: null, email: 'mario@ferre.example', phone: null },
      sla: { overall: 'done' },
    });
    expect(first).toHaveProperty('attentionDueAt');
    expect(first).toHaveProperty('solutionDueAt');
    expect(first).toHaveProperty('createdAt');
  });

  it('should filter by severity, status and free text when asked', async () => {
    expect(((await getJson('/api/tickets?severity=0')).json.items as unknown[]).length).toBe(1);
    expect(((await getJson('/api/tickets?status=resolved&channel=email')).json.items as unknown[]).length).toBe(1);
    const byText = await getJson(`/api/tickets?q=${encodeURIComponent('kimchi')}`);
    expect((byText.json.items as Array<{ number: string }>)[0]!.number).toBe(outage.number);
    expect((await getJson(`/api/tickets?q=${outage.number.toLowerCase()}`)).json.total).toBe(1);
  });

  it('should answer 400 naming the parameter when a filter is invalid', async () => {
    for (const [query, parameter] of [
      ['severity=7', 'severity'],
      ['status=closed', 'status'],
      ['channel=fax', 'channel'],
      ['limit=0', 'limit'],
      ['tier=L9', 'tier'],
    ]) {
      const { status, json } = await getJson(`/api/tickets?${query}`);
      expect(status).toBe(400);
      expect(String(json.message)).toContain(parameter);
    }
  });

  it('should return one ticket with its messages, attachments and events', async () => {
    const { status, json } = await getJson(`/api/tickets/${outage.number.toLowerCase()}`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ number: outage.number, severity: 0, contact: { name: 'Laura Kim', email: 'laura@kimchi.example' } });
    const [message] = json.messages as Array<Record<string, unknown>>;
    expect(message).toMatchObject({ direction: 'inbound', text: 'Texto del cliente', html: '<p>Texto del cliente</p>' });
    expect(message!.attachments).toEqual([
      expect.objectContaining({ filename: 'reporte.html', contentType: 'text/html', url: `/api/tickets/${outage.number}/attachments/${outage.attachmentId}` }),
    ]);
    expect((json.events as Array<{ type: string }>).map((event) => event.type)).toEqual(['created']);
  });

  it('should answer 404 for a ticket that does not exist', async () => {
    const { status, json } = await getJson('/api/tickets/IF-999999');
    expect(status).toBe(404);
    expect(json.message).toBe('El ticket IF-999999 no existe.');
  });

  it('should say in Spanish why it refuses a request, whichever layer refuses it', async () => {
    const raw = (path: string, init: RequestInit = {}) =>
      fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${api.accessToken!}`, ...(init.headers as Record<string, string>) } });
    const refusals: Array<[string, { status: number; body: Record<string, unknown> }]> = [
      ['unknown route', await api.get('/api/no-existe')],
      ['malformed JSON', await jsonOf(raw(`/api/tickets/${outage.number}/escalate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reason": ' }))],
      ['DTO rule', await api.post(`/api/tickets/${outage.number}/escalate`, { reason: 42 })],
      ['query rule', await api.get('/api/tickets?severity=9')],
      ['domain rule', await api.patch(`/api/tickets/${outage.number}`, { severity: 0 })],
      ['workflow rule', await api.post(`/api/tickets/${outage.number}/merge`, { into: outage.number })],
      ['missing parameter', await api.patch(`/api/tickets/${outage.number}`, {})],
      ['bad ticket number', await api.get('/api/tickets/no-es-numero')],
      ['bad merge target', await api.post(`/api/tickets/${outage.number}/merge`, { into: 'el de ayer' })],
      ['absent merge target', await api.post(`/api/tickets/${outage.number}/merge`, { into: 'IF-999998' })],
    ];
    // Spanish, and none of the words an English refusal is made of.
    const messages = refusals.map(([what, refusal]) => ({ what, message: String(refusal.body.message) }));
    expect(messages.filter(({ message }) => ENGLISH.test(message) || !SPANISH.test(message))).toEqual([]);
    expect(Object.fromEntries(refusals.map(([what, refusal]) => [what, refusal.status]))).toEqual({
      'unknown route': 404,
      'malformed JSON': 400,
      'DTO rule': 400,
      'query rule': 400,
      'domain rule': 409,
      'workflow rule': 400,
      'missing parameter': 400,
      'bad ticket number': 400,
      'bad merge target': 400,
      'absent merge target': 404,
    });
    expect(refusals.find(([what]) => what === 'domain rule')![1].body.message).toBe('La severidad ya es 0.');
    // Every refusal carries a code a program can switch on: the status's own when there is no precise one.
    expect(Object.fromEntries(refusals.map(([what, refusal]) => [what, refusal.body.code]))).toEqual({
      'unknown route': 'not_found',
      'malformed JSON': 'invalid_input',
      'DTO rule': 'invalid_input',
      'query rule': 'invalid_input',
      'domain rule': 'conflict',
      'workflow rule': 'invalid_input',
      'missing parameter': 'invalid_input',
      'bad ticket number': 'invalid_input',
      'bad merge target': 'invalid_input',
      'absent merge target': 'not_found',
    });
  });

  it("should say which attachment a ticket does not have, and find tickets by the customer's RFC but not by our own confirmations' words", async () => {
    const other = await seedTicket(env, { email: 'rfc@cliente.example', subject: 'Factura sin timbrar', severity: 2 });
    const missing = await api.get(`/api/tickets/${outage.number}/attachments/${other.attachmentId}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'attachment_not_found', message: `El ticket ${outage.number} no tiene el adjunto ${other.attachmentId}.` });
    await env.query(`UPDATE contacts SET rfc = 'XAXX010101000' WHERE email = 'rfc@cliente.example'`);
    await env.query(
      `INSERT INTO messages (ticket_id, direction, channel, external_id, author_type, text, automated) VALUES ($1::uuid, 'outbound', 'email', 'confirmacion-' || $1::text, 'system', 'Registramos tu solicitud con severidad 3: plazos y horarios', true)`,
      [outage.id],
    );
    const byRfc = await getJson('/api/tickets?q=xaxx010101000');
    expect((byRfc.json.items as Array<{ number: string }>).map((ticket) => ticket.number)).toEqual([other.number]);
    expect((await getJson(`/api/tickets?q=${encodeURIComponent('horarios')}`)).json.total).toBe(0);
  });

  it('should index for search only what people wrote, and follow a change of their words', async () => {
    const insert = (text: string, automated: boolean) =>
      env.query<{ id: string }>(
        `INSERT INTO messages (ticket_id, direction, channel, external_id, author_type, text, automated)
         VALUES ($1::uuid, $2, 'email', gen_random_uuid()::text, $3, $4, $5) RETURNING id`,
        [outage.id, automated ? 'outbound' : 'inbound', automated ? 'system' : 'contact', text, automated],
      );
    const [customers] = await insert('Las quesadillas del comedor no timbran', false);
    const [ours] = await insert('Registramos tu solicitud sobre las enchiladas', true);
    const vectors = async () =>
      Object.fromEntries(
        (await env.query<{ id: string; search: string | null }>(`SELECT id, search::text AS search FROM messages WHERE id = ANY($1::uuid[])`, [[customers!.id, ours!.id]])).map(
          (row) => [row.id === customers!.id ? 'customers' : 'ours', row.search],
        ),
      );
    expect(await vectors()).toEqual({ customers: expect.stringContaining("'quesadill'"), ours: null });
    const found = async (q: string) => ((await getJson(`/api/tickets?q=${encodeURIComponent(q)}`)).json.items as Array<{ number: string }>).map((ticket) => ticket.number);
    expect(await found('quesadillas')).toEqual([outage.number]);

    // An edit (or an erasure) of the customer's words is what the search finds from then on.
    await env.query(`UPDATE messages SET text = 'Los tamales del comedor no timbran' WHERE id = $1`, [customers!.id]);
    expect(await found('quesadillas')).toEqual([]);
    expect(await found('tamales')).toEqual([outage.number]);
    expect(await vectors()).toEqual({ customers: expect.stringContaining("'tamal'"), ours: null });
  });

  it('should serve an attachment that claims to be HTML only as a sandboxed download', async () => {
    const { status, headers, body } = await api.get(`/api/tickets/${outage.number}/attachments/${outage.attachmentId}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/octet-stream');
    expect(headers.get('content-disposition')).toContain('attachment');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toContain('sandbox');
    expect(body).toBe('<script>alert(1)</script>');
  });

  it('should list inbound items by status and refuse an unknown status', async () => {
    await env.query(
      `INSERT INTO inbound_items (channel, dedupe_key, size_bytes, summary, status, outcome)
       VALUES ('email', 'big-1', 90000000, '{"from":"x@y.mx","subject":"Enorme"}', 'rejected', 'too_large: 90000000 bytes')`,
    );
    const { json } = await getJson('/api/inbound?status=rejected');
    expect(json.items).toEqual([expect.objectContaining({ status: 'rejected', outcome: 'too_large: 90000000 bytes', summary: { from: 'x@y.mx', subject: 'Enorme' } })]);
    expect((await getJson('/api/inbound?status=lost')).status).toBe(400);
  });

  it('should keep numbering tickets past IF-999999, each with its own number the API serves', async () => {
    const [{ last }] = await env.query<{ last: string }>(`SELECT last_value::text AS last FROM ticket_number_seq`);
    await env.query(`SELECT setval('ticket_number_seq', 999998)`);
    try {
      const tickets = [];
      for (const [index, subject] of ['Factura 999999', 'Factura un millón', 'Factura un millón uno'].entries()) {
        tickets.push(await seedTicket(env, { email: `millon${index}@ejemplo.mx`, subject, severity: 2 }));
      }
      expect(tickets.map((ticket) => ticket.number)).toEqual(['IF-999999', 'IF-1000000', 'IF-1000001']);
      const { status, json } = await getJson('/api/tickets/IF-1000000');
      expect(status).toBe(200);
      expect(json).toMatchObject({ number: 'IF-1000000', subject: 'Factura un millón' });
      const found = await getJson('/api/tickets?q=1000001');
      expect((found.json.items as Array<{ number: string }>).map((ticket) => ticket.number)).toEqual(['IF-1000001']);
    } finally {
      // The suites after this one number from where they were (some read six digits).
      await env.query(`SELECT setval('ticket_number_seq', $1)`, [last]);
    }
  });

  it('should report healthy, then failing with the queue named when queued work is not consumed', async () => {
    expect((await getJson('/health/ready')).json).toEqual({ status: 'ok', failing: [] });
    const healthy = await getJson('/health');
    expect(await (await fetch(`${base}/health`)).status).toBe(200);
    expect(healthy.status).toBe(200);
    expect(healthy.json.status).toBe('ok');

    // No worker runs in this suite: a job added now waits, and its age crosses the 1 s limit.
    const queue = new Queue('intake', { connection: { url: env.redisUrl }, prefix: env.queuePrefix });
    await queue.add('ingest', { inboundId: '00000000-0000-0000-0000-000000000000' }, { jobId: 'ingest-health-probe' });
    const failing = await eventually(async () => {
      const response = await getJson('/health');
      return response.status === 503 ? response : undefined;
    });
    expect(failing.json).toMatchObject({ status: 'failing', failing: ['queue:intake'] });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('should answer 503 naming Redis when the gateway cannot reach it', async () => {
    const port = await freePort();
    const deadRedisPort = await freePort();
    const blind = await new AppProcess(
      'gateway',
      env.processEnv({ PORT: String(port), REDIS_URL: `redis://127.0.0.1:${deadRedisPort}` }),
    ).start();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      const body = (await response.json()) as { failing: string[] };
      expect(response.status).toBe(503);
      expect(body.failing).toContain('redis');
      // Alive (no restart would help), but not ready for traffic.
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'failing', failing: ['redis'] } });
    } finally {
      await blind.stop();
    }
  });
});
