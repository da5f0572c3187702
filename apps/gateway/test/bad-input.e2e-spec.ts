import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppProcess } from '../../../test/support/app-process.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { DovecotServer } from '../../../test/support/dovecot.js';
import { eventually } from '../../../test/support/eventually.js';
import { buildMail, customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { TwilioWebhookClient } from '../../../test/support/simulated-call.js';
import { SmtpSink, type SunkMail } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

const TWILIO = { accountSid: `AC${'0123456789abcdef'.repeat(2)}`, authToken: 'bad-input-token-0123456789abcdef', publicBaseUrl: 'http://localhost:3000' };

/**
 * The bad-input catalogue of the reliability issue, the cases not covered where their channel is
 * tested: each gets a clear outcome, loses nothing and slows nothing else.
 */
describe('bad input: loops, forged webhooks, oversized and flooding chat clients', () => {
  let env: TestEnvironment;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let worker: AppProcess;
  let base: string;
  let responder: NodeJS.Timeout | undefined;

  /** A customer's auto-responder that knows no RFC 3834: it answers every mail it gets, forever. */
  function naiveAutoResponder(address: string, threaded: boolean): void {
    const answered = new Set<SunkMail>();
    responder = setInterval(() => {
      for (const mail of sink.to(address)) {
        if (answered.has(mail)) continue;
        answered.add(mail);
        const original = mail.parsed.messageId!.replace(/[<>]/g, '');
        const reply = buildMail({
          from: address,
          subject: threaded ? `RE: ${mail.parsed.subject}` : `Gracias por escribir a Ferretería López (${answered.size})`,
          text: 'Gracias por su mensaje, le responderemos a la brevedad.',
          ...(threaded ? { inReplyTo: original, references: [original] } : {}),
        });
        void dovecot.append(reply.raw);
      }
    }, 100);
  }

  beforeAll(async () => {
    env = await TestEnvironment.create('bad-input');
    dovecot = await DovecotServer.start();
    sink = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const settings = env.processEnv({
      PORT: String(port),
      ...dovecot.imapEnv(),
      SMTP_URL: sink.url,
      PUBLIC_BASE_URL: TWILIO.publicBaseUrl,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_API_URL: 'http://127.0.0.1:9',
      CHAT_RATE_LIMIT: '10',
    });
    gateway = await new AppProcess('gateway', settings).start();
    worker = await new AppProcess('worker', settings).start();
  });

  afterAll(async () => {
    clearInterval(responder);
    await gateway?.stop();
    await worker?.stop();
    await sink?.close();
    await dovecot?.destroy();
    await env?.close();
  });

  it('should answer an auto-responder that replies in the thread exactly once (its replies join the ticket)', async () => {
    const robot = customerAddress('autorespuesta');
    naiveAutoResponder(robot, true);
    await dovecot.append(buildMail({ from: robot, subject: 'Factura duplicada', text: 'Se duplicó la factura A-10.' }).raw);
    await eventually(async () => {
      const [row] = await env.query<{ inbound: string }>(
        `SELECT count(*) AS inbound FROM messages m JOIN contacts c ON c.id = m.author_contact_id WHERE c.email = $1`,
        [robot],
      );
      return Number(row!.inbound) >= 2 ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    clearInterval(responder);
    expect(sink.to(robot)).toHaveLength(1);
    expect(await env.query(`SELECT 1 FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.email = $1`, [robot])).toHaveLength(1);
  });

  it('should stop an auto-responder that opens new tickets at the hourly confirmation limit', async () => {
    const robot = customerAddress('autorespuesta-nueva');
    naiveAutoResponder(robot, false);
    await dovecot.append(buildMail({ from: robot, subject: 'Consulta', text: '¿Cómo agrego una serie?' }).raw);
    await eventually(async () => {
      const rows = await env.query(
        `SELECT 1 FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id JOIN contacts c ON c.id = t.contact_id
          WHERE c.email = $1 AND e.type = 'confirmation_suppressed'`,
        [robot],
      );
      return rows.length >= 1 ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    clearInterval(responder);
    // Three confirmations, then the loop runs dry: each of the robot's mails is kept, none answered.
    expect(sink.to(robot)).toHaveLength(3);
  });

  it('should refuse a webhook whose parameters were changed after signing, and store nothing', async () => {
    const twilio = new TwilioWebhookClient(base, TWILIO.publicBaseUrl, TWILIO.accountSid, TWILIO.authToken);
    const params = { CallSid: `CA${'f'.repeat(32)}`, From: '+528112345678', To: '+528147771119', CallStatus: 'ringing', AccountSid: TWILIO.accountSid };
    const signed = await import('twilio').then(({ default: twilio }) =>
      twilio.getExpectedTwilioSignature(TWILIO.authToken, `${TWILIO.publicBaseUrl}/webhooks/twilio/voice`, params),
    );
    const before = (await env.query(`SELECT 1 FROM inbound_items WHERE channel = 'phone'`)).length;
    const flipped = await twilio.post('/webhooks/twilio/voice', { ...params, From: '+528199999999' }, { signature: signed });
    expect(flipped.status).toBe(403);
    expect((await env.query(`SELECT 1 FROM inbound_items WHERE channel = 'phone'`)).length).toBe(before);
  });

  it('should refuse a deeply nested JSON body with a 400 in Spanish before any code walks it, not a 500', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"email":${nested(5_000)},"password":"x"}`,
    });
    expect(login.status).toBe(400);
    expect(await login.json()).toMatchObject({ code: 'invalid_input', message: 'El cuerpo de la solicitud anida más de 32 niveles.' });
    // A body of ordinary depth still reaches the route's own rules.
    const shallow = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"email":${nested(3)},"password":"x"}` });
    expect(shallow.status).toBe(400);
    expect((await shallow.json()) as { message: string }).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('email') });
  });

  it('should drop a 2 MB chat frame’s connection without harm to others', async () => {
    const heavy = await ChatTestClient.connect(base);
    const disconnected = new Promise<string>((resolve) => heavy.socket.once('disconnect', (reason) => resolve(reason)));
    heavy.socket.emit('chat:message', { text: 'x'.repeat(2 * 1024 * 1024), clientId: 'heavy-frame-0001' });
    expect(await disconnected).toBe('transport close');
    heavy.close();

    const other = await ChatTestClient.connect(base);
    await other.start({ name: 'Otra clienta', email: customerAddress('otra'), message: '¿Dónde veo mis timbres?' });
    await other.waitFor('ticket:confirmed');
    other.close();
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('should rate-limit a flooding chat client with a clear error, and keep serving the others', async () => {
    const flood = await ChatTestClient.connect(base);
    await flood.start({ name: 'Inundación', email: customerAddress('flood'), message: 'Hola' });
    const acks = await Promise.all(Array.from({ length: 40 }, (_, index) => flood.message(`mensaje ${index}`, `flood-message-${String(index).padStart(4, '0')}`)));
    const limited = acks.filter((ack) => ack.error === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((ack) => ack.ok).length).toBeLessThanOrEqual(10);

    const calm = await ChatTestClient.connect(base);
    await calm.start({ name: 'Cliente tranquilo', email: customerAddress('tranquilo'), message: 'No puedo descargar un PDF de la factura A-2.' });
    await calm.waitFor('ticket:confirmed');
    calm.close();
    flood.close();
    // What the flood got accepted is stored once each; what it was refused, it may send again.
    const stored = await eventually(async () => {
      const rows = await env.query<{ count: string }>(`SELECT count(*) FROM inbound_items WHERE channel = 'chat' AND summary->>'from' LIKE 'flood-%'`);
      return rows[0];
    });
    expect(Number(stored.count)).toBeGreaterThan(1);
    expect(Number(stored.count)).toBeLessThanOrEqual(11);
  });

  it('should keep a chat customer’s text with half a surrogate pair or a NUL as text, and answer a sync past any sequence as bad input', async () => {
    const client = await ChatTestClient.connect(base);
    const ack = await client.start({ name: 'Rosa Ibarra', email: customerAddress('sustituto'), message: 'Hola \ud800 necesito ayuda' });
    expect(ack).toMatchObject({ conversationId: expect.any(String), token: expect.any(String) });
    expect(await client.message('Sigue \udc00 el error')).toMatchObject({ ok: true });
    expect(await client.request('chat:sync', { afterSeq: 1e300 })).toMatchObject({ error: 'invalid_payload', retryable: false });

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const form = new FormData();
    form.set('text', 'Captura\u0000 del error');
    form.set('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'captura.png');
    const upload = await fetch(`${base}/chat/files`, { method: 'POST', headers: { 'x-chat-token': ack.token }, body: form });
    expect(upload.status).toBe(201);

    const texts = await eventually(async () => {
      const rows = await env.query<{ text: string }>(
        `SELECT m.text FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.conversation_ref = $1 AND m.direction = 'inbound' ORDER BY m.created_at`,
        [ack.conversationId],
      );
      return rows.length === 3 ? rows.map((row) => row.text) : undefined;
    }, { what: 'the three messages recorded' });
    expect(texts).toEqual(['Hola \ufffd necesito ayuda', 'Sigue \ufffd el error', expect.stringContaining('Captura del error')]);
    client.close();
  });
});
