import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { ChatTestClient, newClientId } from '../../../test/support/chat-client.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import type { MeJson, TicketDetailJson } from '@app/tickets';

const PORTAL = 'https://portal.interfactura.example';

describe('live chat (socket.io-client → two gateways → worker → Postgres/Redis)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let gatewayA: AppProcess;
  let gatewayB: AppProcess;
  let worker: AppProcess;
  let baseA: string;
  let baseB: string;
  const clients: ChatTestClient[] = [];

  const connect = async (base: string, options: { token?: string; origin?: string } = {}): Promise<ChatTestClient> => {
    const client = await ChatTestClient.connect(base, options);
    clients.push(client);
    return client;
  };

  let apiB: ApiClient;
  let adminName: string;
  const postReply = async (ticketNumber: string, body: string) => {
    const response = await apiB.post<{ id: string }>(`/api/tickets/${ticketNumber}/replies`, { body });
    expect(response.status).toBe(201);
    return response.body;
  };

  const inboundTexts = (conversationId: string) =>
    env.query<{ text: string }>(
      `SELECT m.text FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.conversation_ref = $1 AND m.direction = 'inbound' ORDER BY m.created_at`,
      [conversationId],
    );

  /** Starts a conversation on `base` and waits for its confirmation. */
  const startChat = async (base: string, message = 'Necesito ayuda para descargar el XML de una factura') => {
    const client = await connect(base);
    const email = customerAddress('chat');
    const ack = await client.start({ name: 'Lucía Garza', email, message, rfc: 'GAML850101AB1' });
    client.useToken(ack.token);
    const confirmed = await client.waitFor('ticket:confirmed');
    return { client, email, ack, ticketNumber: confirmed.ticketNumber as string, confirmed };
  };

  beforeAll(async () => {
    env = await TestEnvironment.create('chat');
    sink = await SmtpSink.start();
    const [portA, portB] = [await freePort(), await freePort()];
    baseA = `http://127.0.0.1:${portA}`;
    baseB = `http://127.0.0.1:${portB}`;
    const chatEnv = { CHAT_PRESENCE_GRACE_MS: '0', CHAT_STATUS_INTERVAL_MS: '300', CHAT_ALLOWED_ORIGINS: PORTAL, CHAT_MAX_TEXT_CHARS: '500' };
    // One gateway first: it creates the administrator the replies are signed in as.
    gatewayA = await new AppProcess('gateway', env.processEnv({ ...chatEnv, PORT: String(portA) })).start();
    [gatewayB, worker] = await Promise.all([
      new AppProcess('gateway', env.processEnv({ ...chatEnv, PORT: String(portB) })).start(),
      new AppProcess('worker', env.processEnv({ SMTP_URL: sink.url })).start(),
    ]);
    apiB = await ApiClient.signIn(baseB, ADMIN);
    adminName = (await apiB.get<MeJson>('/api/auth/me')).body.name;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await Promise.all([gatewayA?.stop(), gatewayB?.stop(), worker?.stop()]);
    await sink?.close();
    await env?.close();
  });

  it('should open a ticket from the first message and confirm it live with its number and severity', async () => {
    const { ack, email, ticketNumber, confirmed } = await startChat(baseA, 'No puedo timbrar ninguna factura, el portal marca error de conexión con el PAC');

    expect(ack).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), seq: 1 });
    expect(ticketNumber).toMatch(/^[A-Z]{2,4}-\d{4,}$/);
    expect([0, 1, 2, 3]).toContain(confirmed.severity);
    expect(confirmed.severityMeaning).toMatch(/[a-záéíóú]/);
    // The chat's card text: what happens next, in a few lines (the number and severity are the card's title).
    expect(confirmed.text).toMatch(/^Un asesor te atiende en menos de \d+ (minutos|horas?)\./);
    expect(confirmed.severityName).toMatch(/^(Falla total|Falla parcial|Incidente específico|Asesoría o consulta)$/);
    expect(confirmed.seq).toBe(2);

    // The typed email is a claim until its owner follows the mailed link (chat-identity.e2e-spec.ts).
    const [ticket] = await env.query<{ channel: string; subject: string; email: string | null; claimed_email: string; rfc: string; name: string }>(
      `SELECT t.channel, t.subject, c.email, c.claimed_email, c.rfc, c.name FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.number = $1`,
      [ticketNumber],
    );
    expect(ticket).toEqual({
      channel: 'chat',
      subject: 'No puedo timbrar ninguna factura, el portal marca error de conexión con el PAC',
      email: null,
      claimed_email: email,
      rfc: 'GAML850101AB1',
      name: 'Lucía Garza',
    });
    // A new ticket was last updated when it was opened, not before.
    const [times] = await env.query<{ same: boolean }>(`SELECT updated_at = created_at AS same FROM tickets WHERE number = $1`, [ticketNumber]);
    expect(times).toEqual({ same: true });
    // Only a hash of the token is kept.
    const stored = await env.query<{ token_hash: string }>(`SELECT token_hash FROM chat_conversations WHERE id = $1`, [ack.conversationId]);
    expect(stored[0]!.token_hash).not.toContain(ack.token);
  });

  it('should confirm live every chat of a crowd that starts at once', async () => {
    // The worker may confirm a chat before the gateway has finished answering its start; the
    // socket must already be listening then, or the customer waits for a confirmation that went by.
    const crowd = await Promise.all(Array.from({ length: 500 }, () => connect(baseA)));
    await Promise.all(
      crowd.map((client, index) => client.start({ name: `Cliente ${index}`, email: customerAddress('chat-crowd'), message: '¿Cómo descargo el XML de mi factura?' })),
    );

    const confirmations = await Promise.all(crowd.map((client) => client.waitFor('ticket:confirmed', () => true, 30_000)));
    expect(new Set(confirmations.map((confirmed) => confirmed.ticketNumber)).size).toBe(crowd.length);
  });

  it('should record a burst of messages sent right after the start once each, in order, without rolling any back', async () => {
    const mark = worker.logMark;
    const client = await connect(baseA);
    const ack = await client.start({ name: 'Marta Leal', email: customerAddress('chat-rafaga'), message: 'Hola, tengo un problema' });
    client.useToken(ack.token);
    const burst = ['No timbra', 'Sale error 301', 'Es la serie A', 'Desde ayer', 'Urge por favor', 'Gracias'];
    const acks = await Promise.all(burst.map((text) => client.message(text)));
    expect(acks.every((answer) => answer.ok)).toBe(true);
    const texts = await eventually(async () => {
      const rows = await inboundTexts(ack.conversationId);
      return rows.length === burst.length + 1 ? rows.map((row) => row.text) : undefined;
    }, { what: 'every message on the ticket' });
    expect(texts).toEqual(['Hola, tengo un problema', ...burst]);
    const items = await env.query<{ attempts: number }>(`SELECT attempts FROM inbound_items WHERE source_ref = 'chat:' || $1`, [ack.conversationId]);
    expect(items.map((item) => item.attempts)).toEqual(burst.map(() => 0).concat(0));
    // Each message waits for the one before it rather than racing it in a second transaction.
    expect(worker.logSince(mark)).not.toMatch(/rolled back/);
  });

  it('should take a message written while the first one is still being recorded after it, without a failed attempt', async () => {
    // Postgres holds ticket writes for a moment (a table lock), as a busy database does: the first
    // message's intake waits, and the second, queued meanwhile, finds it still pending.
    const holder = await env.db.connect();
    const lockWaits = async () =>
      (await env.query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]!
        .count;
    let client: ChatTestClient;
    let conversationId: string;
    const mark = worker.logMark;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE');
      client = await connect(baseA);
      const ack = await client.start({ name: 'Raúl Treviño', email: customerAddress('chat-early'), message: 'No me deja cancelar una factura' });
      conversationId = ack.conversationId;
      client.useToken(ack.token);
      await eventually(async () => ((await lockWaits()) >= 1 ? true : undefined), { what: 'the first intake waiting for the lock' });
      expect(await client.message('Me sale el error 205 del SAT')).toMatchObject({ ok: true });
      // The second message's intake finds the first still pending and waits for it (it goes after it).
      await eventually(
        async () => ((await env.query(`SELECT 1 FROM inbound_items WHERE source_ref = 'chat:' || $1`, [conversationId])).length === 2 ? true : undefined),
        { what: 'the second message stored' },
      );
      await sleep(300);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }

    await client.waitFor('ticket:confirmed');
    const items = await eventually(async () => {
      const rows = await env.query<{ status: string; attempts: number; last_error: string | null }>(
        `SELECT status, attempts, last_error FROM inbound_items WHERE channel = 'chat' AND source_ref = 'chat:' || $1 ORDER BY received_at`,
        [conversationId],
      );
      return rows.length === 2 && rows.every((row) => row.status === 'done') ? rows : undefined;
    }, { what: 'both messages recorded' });
    expect(items).toEqual([
      { status: 'done', attempts: 0, last_error: null },
      { status: 'done', attempts: 0, last_error: null },
    ]);
    expect(worker.logSince(mark)).not.toMatch(/rolled back/);
    expect((await inboundTexts(conversationId)).map((row) => row.text)).toEqual(['No me deja cancelar una factura', 'Me sale el error 205 del SAT']);
    expect(client.events('ticket:confirmed')).toHaveLength(1);
  });

  it('should keep text with control characters (a NUL) as text without them, and not fail the customers who start at the same moment', async () => {
    const crowd = await Promise.all(Array.from({ length: 12 }, () => connect(baseA)));
    const acks = await Promise.all(
      crowd.map((client, index) =>
        client.start({
          name: index === 0 ? 'Ana\u0000 Ruiz' : `Cliente ${index}`,
          email: customerAddress('chat-nul'),
          message: index === 0 ? 'No\u0000 puedo\u0007 timbrar' : '¿Dónde descargo el XML?',
        }),
      ),
    );
    expect(acks.filter((ack) => ack.error)).toEqual([]);
    await Promise.all(crowd.map((client) => client.waitFor('ticket:confirmed')));
    expect(await inboundTexts(acks[0]!.conversationId)).toEqual([{ text: 'No puedo timbrar' }]);
    const [{ name }] = await env.query<{ name: string }>(`SELECT name FROM chat_conversations WHERE id = $1`, [acks[0]!.conversationId]);
    expect(name).toBe('Ana Ruiz');
  });

  it('should answer both copies of a start sent twice at once with the one conversation', async () => {
    const client = await connect(baseA);
    const fields = { name: 'Pedro Salas', email: customerAddress('chat-twice'), message: 'Perdí mi contraseña', clientId: newClientId() };
    const [first, second] = await Promise.all([client.start(fields), client.start(fields)]);
    expect(second.conversationId).toBe(first.conversationId);
    client.useToken(second.token);
    await client.waitFor('ticket:confirmed');
    const tickets = await env.query(`SELECT id FROM tickets WHERE conversation_ref = $1`, [first.conversationId]);
    expect(tickets).toHaveLength(1);
    expect(await inboundTexts(first.conversationId)).toEqual([{ text: 'Perdí mi contraseña' }]);
  });

  it('should show an agent reply posted through the other gateway live, and not mail it while the customer is connected', async () => {
    const { client, email, ticketNumber } = await startChat(baseA);
    const reply = await postReply(ticketNumber, 'Hola Lucía: entra a Mis comprobantes y usa el botón Descargar XML.');

    const live = await client.waitFor('agent:message');
    expect(live).toMatchObject({ text: 'Hola Lucía: entra a Mis comprobantes y usa el botón Descargar XML.', agentName: adminName, seq: 3 });
    expect(new Date(live.sentAt as string).getTime()).not.toBeNaN();
    const deliveries = await env.query<{ channel: string }>(`SELECT channel FROM outbound_deliveries WHERE message_id = $1`, [reply.id]);
    expect(deliveries).toEqual([{ channel: 'chat' }]);
    expect(sink.to(email).filter((mail) => !mail.parsed.subject?.includes('Confirma tu correo'))).toEqual([]);
  });

  it('should show a customer message recorded after a reply before it on the timeline when the customer sent it first', async () => {
    const { client, ticketNumber } = await startChat(baseA);
    // The worker is away: the customer's message waits stored, and an agent answers meanwhile.
    await worker.stop();
    try {
      expect(await client.message('Ya probé con otro navegador')).toMatchObject({ ok: true });
      await postReply(ticketNumber, 'Hola Lucía: ¿qué mensaje te muestra el portal?');
    } finally {
      worker = await new AppProcess('worker', env.processEnv({ SMTP_URL: sink.url })).start();
    }
    await client.waitFor('agent:message');

    const texts = await eventually(async () => {
      const { messages } = (await apiB.get<TicketDetailJson>(`/api/tickets/${ticketNumber}`)).body;
      const customer = messages.filter((message) => message.direction === 'inbound');
      return customer.length === 2 ? messages.filter((message) => !message.automated).map((message) => message.text) : undefined;
    }, { what: 'the late message on the timeline' });
    expect(texts.slice(-2)).toEqual(['Ya probé con otro navegador', 'Hola Lucía: ¿qué mensaje te muestra el portal?']);
  });

  it('should resume after a dropped connection: messages written meanwhile arrive once and in order, missed replies by sync and by email', async () => {
    const { client, email, ack, ticketNumber } = await startChat(baseA);
    const sent: string[] = [];

    // The connection drops; while it is down the customer keeps writing and an agent answers.
    client.socket.disconnect();
    await eventually(async () => (await env.redis.zcard(`${env.queuePrefix}:presence:chat:${ack.conversationId}`)) === 0, { what: 'presence to end' });
    const reply = await postReply(ticketNumber, 'Te respondemos mientras no estabas conectada.');

    // Written while offline: socket.io holds them and sends them, in order, once it is back (with the token).
    const acks = ['Primero: la factura es la A-1021.', 'Segundo: el RFC receptor es correcto.', 'Tercero: ¿pueden revisarlo?'].map((text) => {
      sent.push(text);
      return client.message(text, `offline-${sent.length}-${ack.conversationId}`);
    });
    client.socket.connect();
    const results = await Promise.all(acks);
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    // A retransmission (the client never saw the ack) is stored once, with the same sequence.
    const again = await client.message('Segundo: el RFC receptor es correcto.', `offline-2-${ack.conversationId}`);
    expect(again).toEqual({ ok: true, seq: results[1]!.seq });

    // The tab is closed and opened again later, on the other gateway, once the worker has written the
    // reply in the transcript (it sends it from the queue, so it may come after the messages' acks).
    await eventually(
      async () => (await env.query(`SELECT 1 FROM outbound_deliveries WHERE message_id = $1 AND channel = 'chat' AND status = 'sent'`, [reply.id])).length === 1,
      { what: 'the reply in the transcript' },
    );
    const reopened = await connect(baseB, { token: ack.token });
    expect(reopened.session).toEqual({ state: 'resumed', conversationId: ack.conversationId, lastSeq: expect.any(Number) });
    const history = await reopened.sync(0);
    expect(history.map((entry) => entry.seq)).toEqual(history.map((_, index) => index + 1));
    expect(history.filter((entry) => entry.type === 'agent:message').map((entry) => entry.text)).toEqual(['Te respondemos mientras no estabas conectada.']);
    expect(history.filter((entry) => entry.type === 'customer:message').map((entry) => entry.text)).toEqual([
      'Necesito ayuda para descargar el XML de una factura',
      ...sent,
    ]);
    expect(history.filter((entry) => entry.type === 'ticket:confirmed').map((entry) => entry.ticketNumber)).toEqual([ticketNumber]);

    // The ticket has every message once, in the order written.
    await eventually(async () => (await inboundTexts(ack.conversationId)).length === 4, { what: 'all four messages on the ticket' });
    expect((await inboundTexts(ack.conversationId)).map((row) => row.text)).toEqual(['Necesito ayuda para descargar el XML de una factura', ...sent]);

    // Nobody was in the chat when the reply was written: it was mailed too.
    const mail = await sink.waitFor((sent) => sent.envelopeTo.includes(email) && sent.parsed.subject?.startsWith('Re:') === true, 'the reply by email');
    expect(mail.parsed.subject).toContain(`[${ticketNumber}]`);
    expect(mail.parsed.text).toContain('Te respondemos mientras no estabas conectada.');
    const channels = await env.query<{ channel: string; status: string }>(
      `SELECT channel, status FROM outbound_deliveries WHERE message_id = $1 ORDER BY channel`,
      [reply.id],
    );
    expect(channels.map((row) => row.channel)).toEqual(['chat', 'email']);
  });

  it("should answer a start with the first message as stored, and send it to nobody else", async () => {
    const { client, ack } = await startChat(baseA, 'Primer mensaje de la conversación');
    expect(ack.entry).toEqual({ seq: ack.seq, type: 'customer:message', text: 'Primer mensaje de la conversación', clientId: expect.any(String), sentAt: expect.any(String) });
    // The confirmation came after the start through the same room: an echo of the start would have come first.
    expect(client.events('customer:message')).toEqual([]);
    const later = await client.message('Y un segundo mensaje.');
    await client.waitFor('customer:message', (payload) => payload.seq === later.seq);
  });

  it('should echo a customer message to the same conversation open on another gateway', async () => {
    const { client, ack } = await startChat(baseA);
    const otherTab = await connect(baseB, { token: ack.token });
    const sentAck = await client.message('Lo escribo desde la primera pestaña.');
    const echoed = await otherTab.waitFor('customer:message', (payload) => payload.text === 'Lo escribo desde la primera pestaña.');
    expect(echoed.seq).toBe(sentAck.seq);
  });

  it('should keep one conversation and one ticket when a start is sent again, and hand out a new token', async () => {
    const client = await connect(baseA);
    const email = customerAddress('retry');
    const clientId = newClientId();
    const fields = { name: 'Óscar Ruiz', email, message: 'Mi factura salió con el RFC equivocado', clientId };
    const first = await client.start(fields);
    const second = await client.start(fields);
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.token).not.toBe(first.token);
    await client.waitFor('ticket:confirmed');
    expect(await env.query(`SELECT 1 FROM tickets WHERE conversation_ref = $1`, [first.conversationId])).toHaveLength(1);
    const stale = await connect(baseB, { token: first.token });
    expect(stale.session).toEqual({ state: 'new', reason: 'invalid_token' });
  });

  it('should start afresh with an unknown token instead of joining any conversation', async () => {
    const client = await connect(baseA, { token: 'not-a-token-anyone-was-given' });
    expect(client.session).toEqual({ state: 'new', reason: 'invalid_token' });
    expect(await client.message('¿Hola?')).toMatchObject({ error: 'no_conversation' });
    expect(await client.request('chat:sync', { afterSeq: 0 })).toMatchObject({ error: 'no_conversation' });
  });

  it('should answer bad input with an error ack that names the problem, and keep HTML as text', async () => {
    const client = await connect(baseA);
    expect(await client.start({ name: 'Ana', email: 'no-es-correo', message: 'hola' })).toMatchObject({
      error: 'invalid_payload',
      message: expect.stringContaining('email'),
      retryable: false,
    });
    expect(await client.start({ name: 'Ana', email: 'ana@cliente.example.mx', message: 'hola', rfc: '123' })).toMatchObject({
      error: 'invalid_payload',
      message: expect.stringContaining('rfc'),
    });
    expect(await client.start({ name: '', email: 'ana@cliente.example.mx', message: 'hola' })).toMatchObject({ message: expect.stringContaining('name') });
    expect(await client.request('chat:start', 'texto suelto')).toMatchObject({ error: 'invalid_payload' });
    expect(await client.request('chat:message', { text: 'hola', clientId: 'x' })).toMatchObject({ message: expect.stringContaining('clientId') });

    const started = await client.start({ name: 'Ana', email: customerAddress('html'), message: '<img src=x onerror="alert(1)"> <b>urgente</b>' });
    expect(await client.message('x'.repeat(501))).toMatchObject({ error: 'text_too_long', message: expect.stringContaining('500') });
    expect(await client.message('   ')).toMatchObject({ error: 'invalid_payload' });
    const [first] = await client.sync(0);
    expect(first).toMatchObject({ seq: started.seq, text: '<img src=x onerror="alert(1)"> <b>urgente</b>' });
  });

  it('should refuse connections from pages of other origins, saying so in the log once, and accept the configured portal', async () => {
    const mark = gatewayA.logMark;
    expect(await ChatTestClient.refusal(baseA, 'https://evil.example')).not.toBe('connected');
    expect(await ChatTestClient.refusal(baseA, 'https://evil.example')).not.toBe('connected');
    const warnings = gatewayA.logSince(mark).split('\n').filter((line) => line.includes('"https://evil.example" refused'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('CHAT_ALLOWED_ORIGINS');
    expect(await ChatTestClient.refusal(baseA, PORTAL)).toBe('connected');
    expect(await ChatTestClient.refusal(baseA, baseA)).toBe('connected');
  });

  it('should limit the requests of one connection, saying when to retry', async () => {
    const client = await connect(baseA);
    const answers = await Promise.all(Array.from({ length: 21 }, () => client.request<{ error: string; retryAfterMs?: number }>('chat:sync', { afterSeq: 0 })));
    expect(answers.slice(0, 20).every((answer) => answer.error === 'no_conversation')).toBe(true);
    expect(answers[20]).toMatchObject({ error: 'rate_limited', retryable: true, retryAfterMs: expect.any(Number) });
  });

  it('should limit the messages of one conversation across its connections, and not start afresh on reconnecting', async () => {
    const { client, ack } = await startChat(baseA);
    const second = await connect(baseB, { token: ack.token });
    const send = (socket: ChatTestClient, count: number) => Array.from({ length: count }, (_, index) => socket.message(`mensaje ${index}`));
    const answers = await Promise.all([...send(client, 12), ...send(second, 12)]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(20);
    expect(answers.filter((answer) => answer.error === 'rate_limited')).toHaveLength(4);
    expect(answers.find((answer) => answer.error)).toMatchObject({ retryable: true, retryAfterMs: expect.any(Number) });
    // A new connection with the same token is the same conversation: still limited.
    const third = await connect(baseA, { token: ack.token });
    expect(await third.message('otra vez')).toMatchObject({ error: 'rate_limited' });
  });

  it('should tell the widget whether agents are connected, and show an agent typing', async () => {
    const { client, ticketNumber } = await startChat(baseA);
    expect(client.statuses[0]).toEqual({ agentsOnline: 0, emailFallback: true, banner: null });

    // What the inbox's /agents connections will do: hold a presence in the registry.
    const agents = `${env.queuePrefix}:presence:agents`;
    await env.redis.zadd(agents, Date.now() + 60_000, 'test-agent-1');
    await client.waitFor('chat:status', (status) => status.agentsOnline === 1);
    expect(client.statuses.at(-1)).toEqual({ agentsOnline: 1, emailFallback: false, banner: null });
    await env.redis.del(agents);

    expect((await apiB.post(`/api/tickets/${ticketNumber}/typing`, {})).status).toBe(204);
    expect(await client.waitFor('agent:typing')).toEqual({ typing: true, agentName: adminName });

    const emailTicket = await seedTicket(env, { email: customerAddress('mail'), subject: 'Por correo', severity: 3 });
    expect((await apiB.post(`/api/tickets/${emailTicket.number}/typing`)).status).toBe(400);
    expect((await apiB.post('/api/tickets/IF-999999/typing')).status).toBe(404);
    expect((await fetch(`${baseB}/api/tickets/${ticketNumber}/typing`, { method: 'POST' })).status).toBe(401);
  });

  it('should serve the widget as a script any page can embed, and a demo page that embeds it', async () => {
    const widget = await fetch(`${baseA}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toContain('javascript');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await widget.text()).toContain('attachShadow');
    const demo = await fetch(`${baseA}/chat-demo`);
    expect(demo.headers.get('content-type')).toContain('text/html');
    expect(await demo.text()).toContain('<script src="/widget.js" async></script>');
  });
});
