import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Namespace, Server } from 'socket.io';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { socketAnswer } from '../../../test/support/socket-access.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import { ADMIN_ONLY_MESSAGE } from '../src/auth/auth.guard.js';
import { loadGatewayConfig } from '../src/config/gateway-config.js';
import { createGatewayApp } from '../src/gateway-app.js';
import { AgentsGateway } from '../src/inbox/agents.gateway.js';
import { NAMESPACE_ACCESS } from '../src/realtime/namespace-access.js';
import type { AgentJson, ItemsJson } from '@app/tickets';

/** `chat`: no agent token, but the chat conversation's own (`X-Chat-Token`); 401 for every caller without one. */
type Access = 'public' | 'agent' | 'admin' | 'chat';

/**
 * The access decision for every HTTP route the gateway serves. The test reads the routes from the
 * running application: one that is served but missing here (a route added without a decision), or
 * listed here but no longer served, fails it.
 */
const ROUTE_ACCESS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /api/health': 'admin',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'agent',
  'GET /api/auth/me': 'agent',
  'GET /api/tickets': 'agent',
  'GET /api/tickets/:number': 'agent',
  'GET /api/tickets/:number/attachments/:attachmentId': 'agent',
  'PATCH /api/tickets/:number': 'agent',
  'POST /api/tickets/:number/escalate': 'agent',
  'POST /api/tickets/:number/send-back': 'agent',
  'POST /api/tickets/:number/resolve': 'agent',
  'POST /api/tickets/:number/reopen': 'agent',
  'POST /api/tickets/:number/fix-ready': 'agent',
  'POST /api/tickets/:number/release': 'agent',
  'POST /api/tickets/:number/assign': 'agent',
  'POST /api/tickets/:number/take': 'agent',
  'POST /api/tickets/:number/progress': 'agent',
  'POST /api/tickets/:number/called-back': 'agent',
  'POST /api/tickets/:number/merge': 'agent',
  'POST /api/tickets/:number/confirm-severity': 'agent',
  'POST /api/tickets/:number/replies': 'agent',
  'POST /api/tickets/:number/typing': 'agent',
  'GET /api/contacts/:id': 'agent',
  'GET /api/contacts/:id/export': 'admin',
  'POST /api/contacts/:id/erase': 'admin',
  'GET /api/agents': 'agent',
  'POST /api/agents': 'admin',
  'PATCH /api/agents/:id': 'admin',
  'GET /api/inbound': 'agent',
  'GET /api/maintenance': 'agent',
  'POST /api/maintenance': 'admin',
  'DELETE /api/maintenance/:id': 'admin',
  'GET /api/reports/sla': 'agent',
  'GET /api/reports/availability': 'agent',
  'POST /api/admin-pages/session': 'admin',
  'GET /api/docs': 'admin',
  'GET /api/docs/openapi.json': 'admin',
  'GET /api/docs/assets/:name': 'admin',
  'GET /api/canned-responses': 'agent',
  'POST /api/canned-responses': 'admin',
  'PATCH /api/canned-responses/:id': 'admin',
  'DELETE /api/canned-responses/:id': 'admin',
  // Incidents: every agent reads them; L1, L2 and administrators act on them (the domain refuses L3 with a 403 of its own).
  'GET /api/incidents': 'agent',
  'GET /api/incidents/:id': 'agent',
  'POST /api/incidents': 'agent',
  'PATCH /api/incidents/:id': 'agent',
  'POST /api/incidents/:id/confirm': 'agent',
  'POST /api/incidents/:id/dismiss': 'agent',
  'POST /api/incidents/:id/tickets': 'agent',
  'POST /api/incidents/:id/updates': 'agent',
  'POST /api/incidents/:id/updates/preview': 'agent',
  'POST /api/incidents/:id/resolve': 'agent',
  'GET /api/reports/incidents': 'agent',
  'GET /status': 'public',
  'POST /webhooks/twilio/:callback': 'public',
  'GET /inbox': 'public',
  'GET /assets/:name': 'public',
  'GET /widget.js': 'public',
  'GET /chat-demo': 'public',
  'GET /verificar': 'public',
  'GET /api/calls/missed': 'agent',
  'POST /api/calls/missed/:callSid/called-back': 'agent',
  'GET /api/reports/satisfaction': 'agent',
  'GET /encuesta': 'public',
  'POST /encuesta': 'public',
  'OPTIONS /encuesta': 'public',
  'OPTIONS /chat/files': 'public',
  'POST /chat/files': 'chat',
  'GET /chat/files/:attachmentId': 'public',
  'POST /verificar': 'public',
};

/**
 * Express routers mounted under a path, which are not Nest routes (so not in the list above) and
 * which Nest's guard does not see: the queue dashboard (bull-board) has its own gate. A sample of
 * its page, its API and an action.
 */
const MOUNTED_ACCESS: Record<string, Access> = {
  'GET /admin/queues': 'admin',
  'GET /admin/queues/api/queues': 'admin',
  'PUT /admin/queues/api/queues/intake/retry/failed': 'admin',
};

const ROLES = ['anonymous', 'L1', 'L2', 'L3', 'admin', 'deactivated', 'password changed'] as const;
type Role = (typeof ROLES)[number];
const SIGNED_OUT: readonly Role[] = ['anonymous', 'deactivated', 'password changed'];

/** The same route under other spellings: the router must not serve them (404), whoever asks. */
const VARIANTS: Record<string, (path: string) => string> = {
  'upper-cased': (path) => path.toUpperCase(),
  'percent-encoded': (path) => path.replace(/\/([a-z])/g, (_match, letter: string) => `/%${letter.charCodeAt(0).toString(16)}`),
};

describe('authorization matrix: every route and namespace, as every kind of caller', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let base: string;
  const tokens = new Map<Role, string | undefined>();
  const params: Record<string, string> = {};

  beforeAll(async () => {
    env = await TestEnvironment.create('matrix');
    const seeded = await seedTicket(env, { email: 'matriz@cliente.example.mx', subject: 'No puedo timbrar', severity: 2 });
    const [contact] = await env.query<{ id: string }>(`SELECT contact_id AS id FROM tickets WHERE id = $1`, [seeded.id]);
    const settings = env.processEnv({ PORT: '0', LOG_LEVEL: 'error' });
    app = await createGatewayApp(loadGatewayConfig(settings));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

    const admin = await ApiClient.signIn(base, ADMIN);
    tokens.set('anonymous', undefined);
    tokens.set('admin', admin.accessToken);
    for (const tier of ['L1', 'L2', 'L3'] as const) {
      tokens.set(tier, (await admin.createAgent({ name: `Agente ${tier}`, email: `${tier.toLowerCase()}@interfactura.com`, tier })).accessToken);
    }
    const leaving = await admin.createAgent({ name: 'Se va', email: 'baja@interfactura.com', tier: 'L1' });
    const rotating = await admin.createAgent({ name: 'Cambia clave', email: 'rota@interfactura.com', tier: 'L2' });
    const agents = (await admin.get<ItemsJson<AgentJson>>('/api/agents')).body.items;
    const idOf = (email: string) => agents.find((agent) => agent.email === email)!.id;
    expect((await admin.patch(`/api/agents/${idOf('baja@interfactura.com')}`, { active: false })).status).toBe(200);
    expect((await admin.patch(`/api/agents/${idOf('rota@interfactura.com')}`, { password: 'una-clave-nueva-456' })).status).toBe(200);
    tokens.set('deactivated', leaving.accessToken);
    tokens.set('password changed', rotating.accessToken);

    Object.assign(params, {
      number: seeded.number,
      attachmentId: seeded.attachmentId,
      callback: 'voice',
      callSid: `CA${'0'.repeat(32)}`,
      name: 'inbox.js',
    });
    params.contacts = contact!.id;
    params.agents = idOf('l3@interfactura.com');
    params.maintenance = randomUUID();
    params['canned-responses'] = randomUUID();
    params.incidents = randomUUID();
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  const servedRoutes = (): Array<{ method: string; path: string }> => {
    const router = app.getHttpAdapter().getInstance().router as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    return router.stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).filter((method) => method !== '_all').map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })) : [],
    );
  };

  /** Every route the matrix calls: Nest's, and samples of what is mounted beside them. */
  const checkedRoutes = (): Array<{ method: string; path: string }> => [
    ...servedRoutes(),
    ...Object.keys(MOUNTED_ACCESS).map((route) => ({ method: route.split(' ')[0]!, path: route.split(' ')[1]! })),
  ];

  /** A route's path with its parameters filled: a real ticket, contact and agent, and ids that exist nowhere. */
  const concretePath = (path: string): string =>
    path.replace(/:(\w+)/g, (_match, name: string) => (name === 'id' ? params[path.split('/')[2]!]! : params[name]!));

  /** Signing out ends the token it is called with: that route gets a session of its own (a stale token stays stale). */
  const tokenFor = async (method: string, path: string, role: Role): Promise<string | undefined> => {
    if (`${method} ${path}` !== 'POST /api/auth/logout' || !['admin', 'L1', 'L2', 'L3'].includes(role)) return tokens.get(role);
    const email = role === 'admin' ? ADMIN.email : `${role.toLowerCase()}@interfactura.com`;
    return (await ApiClient.signIn(base, { email, password: role === 'admin' ? ADMIN.password : `clave-${email}` })).accessToken;
  };

  const call = async (method: string, path: string, role: Role): Promise<{ status: number; message: string }> => {
    const token = await tokenFor(method, path, role);
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: method === 'GET' ? undefined : '{}',
      redirect: 'manual',
    });
    const text = await response.text();
    let message = '';
    try {
      message = String((JSON.parse(text) as { message?: unknown }).message ?? '');
    } catch {
      // Pages, scripts and TwiML are not JSON.
    }
    return { status: response.status, message };
  };

  it('should have an access decision for every route it serves, and serve every route that has one', () => {
    const served = servedRoutes().map(({ method, path }) => `${method} ${path}`);
    expect(served.filter((route) => !(route in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('should answer every route as its decision says, for every kind of caller', async () => {
    const wrong: string[] = [];
    for (const { method, path } of checkedRoutes()) {
      const access = { ...ROUTE_ACCESS, ...MOUNTED_ACCESS }[`${method} ${path}`]!;
      for (const role of ROLES) {
        const { status, message } = await call(method, concretePath(path), role);
        const adminRefusal = status === 403 && message === ADMIN_ONLY_MESSAGE;
        const ok =
          access === 'public'
            ? status !== 401 && status !== 403
            : access === 'chat'
              ? status === 401
              : SIGNED_OUT.includes(role)
                ? status === 401
                : access === 'admin' && role !== 'admin'
                  ? adminRefusal
                  : status !== 401 && !adminRefusal && status < 500;
        if (!ok) wrong.push(`${method} ${path} as ${role} (${access}): ${status} ${message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('should serve no route under another spelling of its path (case, percent-encoding), whoever asks', async () => {
    const served: string[] = [];
    for (const { method, path } of checkedRoutes()) {
      for (const [variant, spell] of Object.entries(VARIANTS)) {
        for (const role of ROLES) {
          const { status } = await call(method, spell(concretePath(path)), role);
          if (status !== 404) served.push(`${method} ${spell(concretePath(path))} (${variant}) as ${role}: ${status}`);
        }
      }
    }
    expect(served).toEqual([]);
  });

  it('should have an access rule for every socket namespace, refuse the default one, and admit callers as the rule says', async () => {
    const agentsNamespace = (app.get(AgentsGateway) as unknown as { namespace: Namespace }).namespace;
    const namespaces = [...(agentsNamespace.server as Server & { _nsps: Map<string, Namespace> })._nsps.keys()];
    expect(namespaces.filter((name) => name !== '/' && !(name in NAMESPACE_ACCESS))).toEqual([]);
    const wrong: string[] = [];
    for (const name of namespaces) {
      for (const role of ROLES) {
        const answer = await socketAnswer(base, name, tokens.get(role));
        const expected = name === '/' ? 'refused: unauthorized' : NAMESPACE_ACCESS[name] === 'public' || !SIGNED_OUT.includes(role) ? 'connected' : 'refused: unauthorized';
        if (answer !== expected) wrong.push(`${name} as ${role}: ${answer} (expected ${expected})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
