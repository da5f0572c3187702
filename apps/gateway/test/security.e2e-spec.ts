import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { AgentSocketClient, socketAnswer } from '../../../test/support/socket-access.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import type { AgentJson, ItemsJson } from '@app/tickets';

/** The load balancer in front of both gateways appends the client's address; TRUST_PROXY=1 believes that hop only. */
const behindProxy = (client: string, spoofed?: string) => ({ 'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client });
const DASHES = '-'.repeat(36);

/**
 * What an attacker with curl and socket.io-client tried against two gateways sharing one Postgres
 * and one Redis (issue 11), and what each attempt must get now.
 */
describe('security: hostile callers against two gateways', () => {
  let env: TestEnvironment;
  let gatewayA: AppProcess;
  let gatewayB: AppProcess;
  let baseA: string;
  let baseB: string;
  let admin: ApiClient;

  const login = (base: string, email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

  const newAgent = async (tier: 'L1' | 'L2' | 'L3', label: string = tier) => {
    const email = `${label.toLowerCase()}-${randomUUID().slice(0, 8)}@interfactura.com`;
    const client = await admin.createAgent({ name: `Agente ${label}`, email, tier });
    const { items } = (await admin.get<ItemsJson<AgentJson>>('/api/agents')).body;
    return { client, email, password: `clave-${email}`, id: items.find((agent) => agent.email === email)!.id };
  };

  const setTier = async (ticketId: string, tier: 'L1' | 'L2' | 'L3') => env.query(`UPDATE tickets SET tier = $2 WHERE id = $1`, [ticketId, tier]);

  beforeAll(async () => {
    env = await TestEnvironment.create('security');
    const [portA, portB] = [await freePort(), await freePort()];
    baseA = `http://127.0.0.1:${portA}`;
    baseB = `http://127.0.0.1:${portB}`;
    const settings = { TRUST_PROXY: '1', CHAT_STARTS_PER_IP_PER_HOUR: '3', API_REQUESTS_PER_MINUTE: '100' };
    gatewayA = await new AppProcess('gateway', env.processEnv({ ...settings, PORT: String(portA) })).start();
    gatewayB = await new AppProcess('gateway', env.processEnv({ ...settings, PORT: String(portB) })).start();
    admin = await ApiClient.signIn(baseA);
  });

  afterAll(async () => {
    await Promise.all([gatewayA?.stop(), gatewayB?.stop()]);
    await env?.close();
  });

  describe('deny by default', () => {
    it('should not let anyone make themselves administrator without a token, however the path is spelled', async () => {
      const attacker = { name: 'X', email: 'x@evil.test', password: 'soy-admin-ahora-123', role: 'admin', tier: 'L3' };
      for (const path of ['/API/agents', '/%61pi/agents', '/Api/Agents', '/api/agents', '/api/agents/', '/api//agents']) {
        const response = await fetch(`${baseA}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(attacker) });
        expect([401, 404]).toContain(response.status);
      }
      expect((await login(baseA, attacker.email, attacker.password)).status).toBe(401);
      expect(await env.query(`SELECT 1 FROM agents WHERE email = 'x@evil.test'`)).toEqual([]);
    });

    it('should answer a malformed id or ticket number with a 400 that names it, never a 500', async () => {
      const attempts = [
        await admin.get(`/api/contacts/${DASHES}`),
        await admin.patch(`/api/agents/${DASHES}`, { name: 'Nadie' }),
        await admin.patch('/api/agents/not-a-uuid', { name: 'Nadie' }),
        await admin.get(`/api/tickets?assignee=${DASHES}`),
        await admin.get(`/api/tickets/IF-000001/attachments/${DASHES}`),
        await admin.get(`/api/tickets/${'9'.repeat(500)}`),
        await admin.post('/api/tickets/IF-000001/assign', { agentId: DASHES }),
        await fetch(`${baseA}/api/maintenance/${DASHES}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.accessToken}` } }),
      ];
      expect(attempts.map((response) => response.status)).toEqual(attempts.map(() => 400));
    });

    it('should refuse a NUL in a text field with a 400 naming it, and keep half a surrogate pair as text', async () => {
      const ticket = await seedTicket(env, { email: `nulo-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Caracteres raros', severity: 3 });
      const attempts = {
        body: await admin.post(`/api/tickets/${ticket.number}/replies`, { body: 'Hola\u0000' }),
        reason: await admin.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'Revisar\u0000' }),
        title: await admin.post('/api/incidents', { title: 'Falla\u0000', severity: 2, tickets: [] }),
        q: await admin.get(`/api/tickets?q=${encodeURIComponent('factura\u0000')}`),
      };
      for (const [field, response] of Object.entries(attempts)) {
        expect(response.status).toBe(400);
        expect(response.body.message).toMatch(field);
      }
      const note = await admin.post<{ id: string }>(`/api/tickets/${ticket.number}/replies`, { body: 'Revisar \ud800 con Operaciones', internal: true });
      expect(note.status).toBe(201);
      expect(await env.query(`SELECT text FROM messages WHERE id = $1`, [note.body.id])).toEqual([{ text: 'Revisar \ufffd con Operaciones' }]);
    });

    it('should answer every refused body with the code invalid_input, also when the service finds it, and not clear a progress note by omission', async () => {
      const ticket = await seedTicket(env, { email: `codigo-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Códigos de error', severity: 3 });
      const refused = [
        await admin.post(`/api/tickets/${ticket.number}/progress`, {}),
        await admin.patch(`/api/tickets/${ticket.number}`, {}),
        await admin.post('/api/agents', { name: 'Corta', email: `corta-${randomUUID().slice(0, 8)}@interfactura.com`, password: 'corta', tier: 'L1' }),
      ];
      expect(refused.map((response) => [response.status, response.body.code])).toEqual(refused.map(() => [400, 'invalid_input']));
      expect(refused[0]!.body.message).toContain('note');
      expect((await admin.post(`/api/tickets/${ticket.number}/progress`, { note: '' })).status).toBe(200);
    });

    it('should refuse an oversized field with a 400 naming it, before any work is done', async () => {
      const ticket = await seedTicket(env, { email: `largo-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Campos largos', severity: 3 });
      const attempts = {
        password: await admin.post('/api/agents', { name: 'Larga', email: 'larga@interfactura.com', password: 'x'.repeat(5_000), tier: 'L1' }),
        reason: await admin.post(`/api/tickets/${ticket.number}/escalate`, { reason: 'x'.repeat(50_000) }),
        description: await admin.post('/api/maintenance', { startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-01T02:00:00Z', description: 'x'.repeat(50_000) }),
      };
      for (const [field, response] of Object.entries(attempts)) {
        expect(response.status).toBe(400);
        expect(response.body.message).toMatch(field);
      }
      expect(await env.query(`SELECT 1 FROM agents WHERE email = 'larga@interfactura.com'`)).toEqual([]);
    });
  });

  describe('sign-in limits, kept in Redis across gateways', () => {
    it('should refuse a 90 KB email with a 400 naming the field, and keep nothing for it', async () => {
      for (let i = 0; i < 20; i++) {
        const response = await login(baseA, `${randomUUID()}${'x'.repeat(90_000)}@evil.test`, 'lo-que-sea-123', behindProxy('198.51.100.90'));
        expect(response.status).toBe(400);
        expect(((await response.json()) as { message: string }).message).toMatch(/email/);
      }
      const keys = await env.redis.keys(`${env.queuePrefix}:limit:*`);
      expect(keys.filter((key) => key.length > 200 || key.includes('xxxxxxxx'))).toEqual([]);
    });

    it('should stop guessing one account from one client on every gateway, while other clients behind the same proxy sign in', async () => {
      const { email, password } = await newAgent('L1', 'adivinado');
      const attacker = '203.0.113.7';
      for (let i = 0; i < 10; i++) {
        const response = await login(i % 2 === 0 ? baseA : baseB, email, `incorrecta-${i}`, behindProxy(attacker));
        expect(response.status).toBe(401);
      }
      // Blocked on both gateways, even with the right password, and a made-up address to the left does not help.
      for (const base of [baseA, baseB]) {
        const blocked = await login(base, email, password, behindProxy(attacker, `10.9.8.${base === baseA ? 1 : 2}`));
        expect(blocked.status).toBe(429);
        expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // The owner, at another address behind the same proxy, is not locked out.
      expect((await login(baseB, email, password, behindProxy('203.0.113.8'))).status).toBe(200);
    });

    it('should check at most ten guesses at one account from one client when they are all sent at once', async () => {
      const { email, password } = await newAgent('L1', 'rafaga');
      const attacker = '203.0.113.17';
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => login(i % 2 === 0 ? baseA : baseB, email, `incorrecta-${i}`, behindProxy(attacker)).then((response) => response.status)),
      );
      expect(answers.filter((status) => status === 401)).toHaveLength(10);
      expect(answers.filter((status) => status === 429)).toHaveLength(30);
      // The refused thirty were never checked: they did not use up the account's limit for its owner elsewhere.
      expect((await login(baseA, email, password, behindProxy('203.0.113.18'))).status).toBe(200);
      expect(Number(await env.redis.get(`${env.queuePrefix}:limit:login-account:${email}`))).toBe(10);
    });

    it('should stop one account guessed from many addresses, yet let its owner in from an address it signed in from before', async () => {
      const { email, password } = await newAgent('L1', 'bloqueo');
      expect((await login(baseA, email, password, behindProxy('198.51.100.10'))).status).toBe(200);
      // Fifty failures from five addresses (ten each, the most one address may try) use up the account's hour.
      for (let i = 0; i < 50; i++) {
        expect((await login(i % 2 === 0 ? baseA : baseB, email, `incorrecta-${i}`, behindProxy(`198.51.100.${20 + Math.floor(i / 10)}`))).status).toBe(401);
      }
      expect((await login(baseA, email, password, behindProxy('198.51.100.30'))).status).toBe(429);
      // The owner's own address is not locked out by strangers' failures, on either gateway.
      expect((await login(baseB, email, password, behindProxy('198.51.100.10'))).status).toBe(200);
      expect((await login(baseA, email, password, behindProxy('198.51.100.10'))).status).toBe(200);
    });

    it('should stop one address guessing many accounts', async () => {
      const guesser = '192.0.2.55';
      for (let i = 0; i < 100; i++) {
        expect((await login(i % 2 === 0 ? baseA : baseB, `persona-${i}@interfactura.com`, 'adivinanza-123', behindProxy(guesser))).status).toBe(401);
      }
      expect((await login(baseA, ADMIN.email, ADMIN.password, behindProxy(guesser))).status).toBe(429);
      expect((await login(baseA, ADMIN.email, ADMIN.password, behindProxy('192.0.2.56'))).status).toBe(200);
    });
  });

  describe('chat starts per client address, across connections and gateways', () => {
    const startFrom = async (base: string, address: string) => {
      const socket = io(`${base}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: behindProxy(address) });
      try {
        await eventually(() => socket.connected, { what: 'a chat connection' });
        const email = `script-${randomUUID().slice(0, 8)}@evil.test`;
        return (await socket.timeout(10_000).emitWithAck('chat:start', { name: 'Script', email, message: 'Hola', clientId: randomUUID() })) as Record<string, unknown>;
      } finally {
        socket.close();
      }
    };

    it('should open no more than CHAT_STARTS_PER_IP_PER_HOUR conversations from one address, however many sockets it opens', async () => {
      const acks = [];
      for (const base of [baseA, baseB, baseA, baseB, baseA]) acks.push(await startFrom(base, '198.51.100.23'));
      expect(acks.filter((ack) => typeof ack.conversationId === 'string')).toHaveLength(3);
      expect(acks.slice(3)).toEqual([
        expect.objectContaining({ error: 'rate_limited', retryable: true, retryAfterMs: expect.any(Number) }),
        expect.objectContaining({ error: 'rate_limited', retryable: true, retryAfterMs: expect.any(Number) }),
      ]);
      expect(await env.query(`SELECT 1 FROM chat_conversations WHERE email LIKE 'script-%'`)).toHaveLength(3);
      // Another customer is not held back by the script.
      expect(await startFrom(baseB, '198.51.100.24')).toMatchObject({ conversationId: expect.any(String) });
    });
  });

  describe('sessions follow the agent as it is now', () => {
    it('should end every session, HTTP and socket, on every gateway, when the password changes', async () => {
      const agent = await newAgent('L2', 'cambia');
      const socket = await AgentSocketClient.connect(baseB, agent.client.accessToken!);
      expect((await agent.client.get('/api/tickets')).status).toBe(200);

      expect((await admin.patch(`/api/agents/${agent.id}`, { password: 'otra-clave-nueva-789' })).status).toBe(200);
      for (const base of [baseA, baseB]) expect((await new ApiClient(base, agent.client.accessToken).get('/api/tickets')).status).toBe(401);
      await eventually(() => socket.disconnects.includes('io server disconnect'), { what: 'the socket to be ended' });
      expect(await socket.reconnect()).toBe(false);
      expect(socket.refusals).toContain('unauthorized');
      expect((await login(baseB, agent.email, 'otra-clave-nueva-789')).status).toBe(200);
      socket.close();
    });

    it('should end one session on signing out, on every gateway, with its live connection and its pages cookie, and leave the others', async () => {
      const { email, password } = await newAgent('L1', 'salida');
      const signIn = async () => ((await (await login(baseA, email, password)).json()) as { accessToken: string }).accessToken;
      const [leaving, staying] = [await signIn(), await signIn()];
      const leavingSocket = await AgentSocketClient.connect(baseB, leaving);
      const stayingSocket = await AgentSocketClient.connect(baseB, staying);

      const out = await fetch(`${baseA}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${leaving}` } });
      expect(out.status).toBe(204);
      for (const base of [baseA, baseB]) {
        expect((await new ApiClient(base, leaving).get('/api/auth/me')).status).toBe(401);
        expect((await new ApiClient(base, staying).get('/api/auth/me')).status).toBe(200);
      }
      await eventually(() => leavingSocket.disconnects.includes('io server disconnect'), { what: 'the signed-out socket to be ended' });
      expect(await leavingSocket.reconnect()).toBe(false);
      expect(stayingSocket.disconnects).toEqual([]);
      leavingSocket.close();
      stayingSocket.close();

      // An administrators' pages cookie is made from a session and ends with it.
      const adminToken = admin.accessToken!;
      const adminSession = ((await (await login(baseA, ADMIN.email, ADMIN.password)).json()) as { accessToken: string }).accessToken;
      const pages = await fetch(`${baseA}/api/admin-pages/session`, { method: 'POST', headers: { authorization: `Bearer ${adminSession}` } });
      const cookie = pages.headers.get('set-cookie')!.split(';')[0]!;
      const dashboard = () => fetch(`${baseB}/admin/queues/api/queues`, { headers: { cookie } });
      expect((await dashboard()).status).toBe(200);
      expect((await fetch(`${baseB}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${adminSession}` } })).status).toBe(204);
      expect((await dashboard()).status).toBe(401);
      expect((await new ApiClient(baseA, adminToken).get('/api/auth/me')).status).toBe(200);
    });

    it('should keep a signed-out token refused after Redis restarts empty', async () => {
      const { email, password } = await newAgent('L1', 'reinicio');
      const leaving = ((await (await login(baseA, email, password)).json()) as { accessToken: string }).accessToken;
      expect((await fetch(`${baseA}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${leaving}` } })).status).toBe(204);
      // A restart without persistence: the data gone, and every connection of this suite's database dropped.
      await env.flushRedis();
      const db = new URL(env.redisUrl).pathname.slice(1);
      const clients = ((await env.redis.client('LIST')) as string).split('\n').filter((line) => line.includes(` db=${db} `));
      for (const line of clients) {
        const id = /\bid=(\d+)/.exec(line)![1]!;
        if (id !== String(await env.redis.client('ID'))) await env.redis.client('KILL', 'ID', id);
      }
      for (const base of [baseA, baseB]) {
        await eventually(async () => (await new ApiClient(base, leaving).get('/api/auth/me')).status === 401, { what: `the signed-out token refused again by ${base}` });
      }
    });

    it('should end every session when the agent is deactivated', async () => {
      const agent = await newAgent('L1', 'baja');
      const socket = await AgentSocketClient.connect(baseA, agent.client.accessToken!);
      expect((await admin.patch(`/api/agents/${agent.id}`, { active: false })).status).toBe(200);
      expect((await agent.client.get('/api/auth/me')).status).toBe(401);
      await eventually(() => socket.disconnects.length > 0, { what: 'the socket to be ended' });
      expect(await socketAnswer(baseB, '/agents', agent.client.accessToken)).toBe('refused: unauthorized');
      socket.close();
    });

    it('should stop sending a demoted agent the changes of tickets its new tier does not see', async () => {
      const l1Ticket = await seedTicket(env, { email: `demote-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Portal caído', severity: 1 });
      const agent = await newAgent('L1', 'degradado');
      const socket = await AgentSocketClient.connect(baseB, agent.client.accessToken!);
      await admin.post(`/api/tickets/${l1Ticket.number}/progress`, { note: 'Revisando' });
      await eventually(() => socket.changesOf(l1Ticket.number).length > 0, { what: 'the change while L1' });

      expect((await admin.patch(`/api/agents/${agent.id}`, { tier: 'L3' })).status).toBe(200);
      await eventually(() => socket.disconnects.length > 0, { what: 'the socket to be ended after the demotion' });
      expect(await socket.reconnect()).toBe(true);
      const before = socket.changesOf(l1Ticket.number).length;
      await admin.post(`/api/tickets/${l1Ticket.number}/progress`, { note: 'Seguimos revisando' });
      // A change the agent may see, sent after, proves delivery works; the L1 one must not have come.
      const l3Ticket = await seedTicket(env, { email: `l3-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Defecto', severity: 2 });
      await setTier(l3Ticket.id, 'L3');
      await admin.post(`/api/tickets/${l3Ticket.number}/progress`, { note: 'Lo ve L3' });
      await eventually(() => socket.changesOf(l3Ticket.number).length > 0, { what: 'the L3 change after the demotion' });
      expect(socket.changesOf(l1Ticket.number)).toHaveLength(before);
      socket.close();
    });
  });

  describe('tier filtering on every read', () => {
    let l3: ApiClient;
    let l1ChatTicket: { id: string; number: string };
    let l1ContactId: string;

    beforeAll(async () => {
      l3 = (await newAgent('L3', 'desarrollo')).client;
      l1ChatTicket = await seedTicket(env, { email: `oculto-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Chat', severity: 2, channel: 'chat' });
      await env.query(`UPDATE tickets SET conversation_ref = $2 WHERE id = $1`, [l1ChatTicket.id, randomUUID()]);
      [{ id: l1ContactId }] = await env.query<{ id: string }>(`SELECT contact_id AS id FROM tickets WHERE id = $1`, [l1ChatTicket.id]);
      const l3Ticket = await seedTicket(env, { email: `visible-${randomUUID().slice(0, 8)}@cliente.example.mx`, subject: 'Defecto', severity: 2 });
      await setTier(l3Ticket.id, 'L3');
      await env.query(
        `INSERT INTO inbound_items (channel, dedupe_key, size_bytes, summary, status, outcome, ticket_id, received_at)
         VALUES ('email', $1, 10, '{"subject":"de L1"}', 'done', 'ticket_created', $2, now()),
                ('email', $3, 10, '{"subject":"de L3"}', 'done', 'ticket_created', $4, now()),
                ('email', $5, 10, '{"subject":"sin ticket"}', 'rejected', 'unparseable', NULL, now())`,
        [randomUUID(), l1ChatTicket.id, randomUUID(), l3Ticket.id, randomUUID()],
      );
    });

    it("should not let L3 show itself typing in the chat of a ticket it cannot see", async () => {
      expect((await l3.post(`/api/tickets/${l1ChatTicket.number}/typing`, { typing: true })).status).toBe(403);
      expect((await admin.post(`/api/tickets/${l1ChatTicket.number}/typing`, { typing: false })).status).toBe(204);
    });

    it('should list to L3 only the inbound items of tickets it can see', async () => {
      const subjects = (await l3.get<{ items: Array<{ summary: { subject: string } }> }>('/api/inbound')).body.items.map((item) => item.summary.subject);
      expect(subjects).toEqual(['de L3']);
      const all = (await admin.get<{ items: Array<{ summary: { subject: string } }> }>('/api/inbound')).body.items.map((item) => item.summary.subject);
      expect(all).toEqual(expect.arrayContaining(['de L1', 'de L3', 'sin ticket']));
    });

    it('should not show L3 a contact none of whose tickets it can see', async () => {
      expect((await l3.get(`/api/contacts/${l1ContactId}`)).status).toBe(404);
      expect((await admin.get(`/api/contacts/${l1ContactId}`)).status).toBe(200);
    });
  });

  describe('API requests per token', () => {
    it('should answer 429 with Retry-After once a token spent its minute, on every gateway, and not hold back other tokens', async () => {
      const spender = await ApiClient.signIn(baseA);
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await new ApiClient(i % 2 === 0 ? baseA : baseB, spender.accessToken).get('/api/auth/me')).status);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      const refused = await new ApiClient(baseB, spender.accessToken).get('/api/auth/me');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await (await ApiClient.signIn(baseB)).get('/api/auth/me')).status).toBe(200);
    });
  });

  describe('what the gateway tells strangers', () => {
    it('should send security headers on API answers and a strict policy on every page', async () => {
      const api = await admin.get('/api/tickets');
      expect(api.headers.get('x-powered-by')).toBeNull();
      expect(api.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(api.headers.get('x-content-type-options')).toBe('nosniff');
      expect(api.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      for (const page of ['/inbox', '/chat-demo', '/verificar?token=x']) {
        const policy = (await fetch(`${baseA}${page}`)).headers.get('content-security-policy') ?? '';
        expect(policy).toMatch(/frame-ancestors 'none'/);
        expect(policy).not.toMatch(/'unsafe-eval'|ws:|wss:|\*/);
        expect(policy).toMatch(/script-src 'self'|default-src 'none'/);
      }
    });

    it('should tell anyone only whether it is healthy, and administrators the detail', async () => {
      const open = await fetch(`${baseA}/health`);
      expect(open.status).toBe(200);
      expect(await open.json()).toEqual({ status: 'ok', failing: [] });
      expect((await fetch(`${baseA}/api/health`)).status).toBe(401);
      expect((await (await newAgent('L1', 'salud')).client.get('/api/health')).status).toBe(403);
      const detail = await admin.get<{ checks: Record<string, unknown>; workers: unknown[] }>('/api/health');
      expect(detail.status).toBe(200);
      expect(detail.body.checks).toHaveProperty('postgres');
    });

    it('should name a failing store without its host or the driver error when Redis is unreachable', async () => {
      const port = await freePort();
      const blind = await new AppProcess('gateway', env.processEnv({ PORT: String(port), REDIS_URL: `redis://127.0.0.1:${await freePort()}` })).start();
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        expect(response.status).toBe(503);
        const body = await response.text();
        expect(JSON.parse(body)).toEqual({ status: 'failing', failing: expect.arrayContaining(['redis']) });
        expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|pid/i);
      } finally {
        await blind.stop();
      }
    });
  });
});
