import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket, type SeededTicket } from '../../../test/support/ticket-fixtures.js';
import type { TicketDetailJson } from '@app/tickets';

describe('agent replies through the API (gateway → outbox → worker → SMTP)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let worker: AppProcess;
  let base: string;
  let ticket: SeededTicket;

  let api: ApiClient;
  const post = async (path: string, body: unknown, raw?: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.accessToken}` },
      body: raw ?? JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const timeline = async () =>
    (
      await api.get<TicketDetailJson>(`/api/tickets/${ticket.number}`)
    ).body;

  beforeAll(async () => {
    env = await TestEnvironment.create('replies');
    sink = await SmtpSink.start();
    ticket = await seedTicket(env, { email: 'gabriel@tovar.example', subject: 'Forma de pago incorrecta en REP', severity: 2 });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port) })).start();
    worker = await new AppProcess('worker', env.processEnv({ SMTP_URL: sink.url })).start();
    api = await ApiClient.signIn(base);
  });

  afterAll(async () => {
    await gateway?.stop();
    await worker?.stop();
    await sink?.close();
    await env?.close();
  });

  it('should mail a public reply to the customer, threaded under their message, and record the first response', async () => {
    const { status, json } = await post(`/api/tickets/${ticket.number}/replies`, { body: 'Hola Gabriel:\n\nYa corregimos la forma de pago; descarga de nuevo el XML.' });
    expect(status).toBe(201);
    expect(json).toMatchObject({ internal: false, channel: 'email', delivery: { status: 'pending' } });

    const mail = await sink.waitFor((sent) => sent.envelopeTo.includes('gabriel@tovar.example'), 'the reply mail');
    expect(mail.parsed.subject).toBe(`Re: [${ticket.number}] Forma de pago incorrecta en REP`);
    expect(mail.parsed.inReplyTo).toBe(`<${ticket.id}@cliente.example.mx>`);
    expect(mail.parsed.text).toContain('Ya corregimos la forma de pago');
    expect(mail.parsed.headers.get('auto-submitted')).toBeUndefined();

    const view = await eventually(async () => {
      const current = await timeline();
      return current.messages.find((message) => message.id === json.id)?.delivery?.status === 'sent' ? current : undefined;
    });
    expect(view.status).toBe('open');
    expect(view.firstResponseAt).not.toBeNull();
    expect(view.events.map((event) => event.type)).toEqual(expect.arrayContaining(['reply_added', 'first_response', 'reply_queued', 'reply_sent']));
  });

  it('should keep an internal note on the timeline and send nothing', async () => {
    const before = sink.mails.length;
    const { status, json } = await post(`/api/tickets/${ticket.number}/replies`, { body: 'Revisar con Operaciones el PAC.', internal: true });
    expect(status).toBe(201);
    expect(json).toMatchObject({ internal: true, delivery: null });
    const note = (await timeline()).messages.find((message) => message.id === json.id);
    expect(note).toMatchObject({ internal: true, text: 'Revisar con Operaciones el PAC.', delivery: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.mails.length).toBe(before);
  });

  it('should answer 400 for an empty body, a wrong type or malformed JSON, and 404 for an unknown ticket', async () => {
    expect((await post(`/api/tickets/${ticket.number}/replies`, { body: '   ' })).json.message).toContain('body');
    expect((await post(`/api/tickets/${ticket.number}/replies`, { body: 'x', internal: 'yes' })).status).toBe(400);
    expect((await post(`/api/tickets/${ticket.number}/replies`, undefined, '{"body": ')).status).toBe(400);
    expect((await post(`/api/tickets/${ticket.number}/replies`, { body: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await post('/api/tickets/IF-999999/replies', { body: 'hola' })).status).toBe(404);
  });
});
