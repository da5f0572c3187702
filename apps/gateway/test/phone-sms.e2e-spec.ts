import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilioSdk from 'twilio';
import { ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { repoRoot } from '../../../test/support/repo-root.js';
import { TwilioWebhookClient } from '../../../test/support/simulated-call.js';
import { SMS_WEBHOOK_PATH, smsWebhookFields } from '../../../test/support/simulated-sms.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { TwilioApiFake } from '../../../test/support/twilio-api-fake.js';
import { TEST_TWILIO, twilioSettings } from '../../../test/support/twilio-test-account.js';

const { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, supportLine: SUPPORT_LINE } = TEST_TWILIO;
const execFileAsync = promisify(execFile);

interface TicketView {
  number: string;
  channel: string;
  subject: string;
  severity: number;
  status: string;
  contact: { phone: string | null };
  messages: Array<{ direction: string; channel: string; text: string }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

describe('incoming SMS (signed Twilio Messaging webhooks → gateway → worker → a ticket, confirmed by SMS)', () => {
  let env: TestEnvironment;
  let fake: TwilioApiFake;
  let gateway: AppProcess;
  let worker: AppProcess;
  let twilio: TwilioWebhookClient;
  let api: ApiClient;
  let port: number;

  /** The fields Twilio posts for an SMS from `from` to the support line. */
  const smsFields = (from: string, body: string, extra: Record<string, string> = {}): Record<string, string> =>
    smsWebhookFields(from, body, SUPPORT_LINE, { AccountSid: ACCOUNT_SID, ...extra });
  const ticket = async (number: string): Promise<TicketView> => (await api.get<TicketView>(`/api/tickets/${number}`)).body;
  const ticketsOf = (phone: string) =>
    env.query<{ number: string }>(`SELECT t.number FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.phone = $1 ORDER BY t.number`, [phone]);
  const settled = (sid: string) =>
    eventually(async () => (await env.query<{ status: string }>(`SELECT status FROM inbound_items WHERE dedupe_key = $1`, [`sms-${sid}`]))[0]?.status !== 'pending' || undefined, {
      what: `the SMS ${sid} to be taken`,
    });
  const storedItems = async () => Number((await env.query<{ count: string }>(`SELECT count(*) FROM inbound_items`))[0]!.count);
  const smsTo = (phone: string) => fake.sentMessages().filter((message) => message.form.To === phone);

  /** Sends an SMS the way Twilio posts it and expects the empty answer that tells Twilio not to reply itself. */
  async function send(fields: Record<string, string>): Promise<void> {
    const answer = await twilio.post(SMS_WEBHOOK_PATH, fields);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/<Response\s*\/?>(<\/Response>)?$/);
    await settled(fields.MessageSid!);
  }

  /** A ticket opened by an SMS from `from`, then resolved: its number. */
  async function openedAndResolved(from: string, text: string, resolution: string): Promise<string> {
    await send(smsFields(from, text));
    const [opened] = await ticketsOf(from);
    expect((await api.post(`/api/tickets/${opened!.number}/resolve`, { resolution })).status).toBe(200);
    return opened!.number;
  }

  /** The survey SMS reached the number and is recorded as sent: a rating counts for a survey the customer has. */
  async function surveySent(from: string, number: string): Promise<string> {
    const survey = await fake.waitForMessage((message) => message.form.To === from && message.form.Body!.includes('¿cómo te atendimos'), 'the survey SMS');
    await eventually(async () => (await ticket(number)).events.some((event) => event.type === 'survey_sent') || undefined, { what: 'the survey sent' });
    return survey.form.Body!;
  }

  beforeAll(async () => {
    env = await TestEnvironment.create('sms');
    fake = await TwilioApiFake.start();
    port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    twilio = new TwilioWebhookClient(base, PUBLIC_BASE_URL, ACCOUNT_SID, AUTH_TOKEN);
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), ...twilioSettings(fake.url) })).start();
    worker = await new AppProcess('worker', env.processEnv(twilioSettings(fake.url))).start();
    api = await ApiClient.signIn(base);
  });

  afterAll(async () => {
    await gateway?.stop();
    await worker?.stop();
    await fake?.close();
    await env?.close();
  });

  it('should open a ticket for an SMS from a new number and confirm it by SMS with the number and the severity; a retried webhook changes nothing', async () => {
    const from = mobileNumber();
    const fields = smsFields(from, 'Hola, desde ayer no puedo descargar el XML de mis facturas en el portal.');
    await send(fields);
    const [opened] = await ticketsOf(from);
    expect(opened).toBeDefined();
    const view = await ticket(opened!.number);
    expect(view).toMatchObject({ channel: 'phone', subject: 'Hola, desde ayer no puedo descargar el XML de mis facturas en el portal.', contact: { phone: from } });
    expect(view.messages[0]).toMatchObject({ direction: 'inbound', channel: 'phone', text: fields.Body });

    const confirmation = await fake.waitForMessage((message) => message.form.To === from, 'the confirmation SMS');
    expect(confirmation.form.From).toBe(SUPPORT_LINE);
    expect(confirmation.form.Body).toContain(`Registramos tu solicitud con el ticket ${opened!.number}.`);
    expect(confirmation.form.Body).toMatch(/Severidad [0-3] – /);

    // Twilio retries a webhook it got no answer to, with the same MessageSid.
    await send(fields);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ticketsOf(from)).toHaveLength(1);
    expect((await ticket(opened!.number)).messages.filter((message) => message.direction === 'inbound')).toHaveLength(1);
    expect(smsTo(from)).toHaveLength(1);
  });

  it('should propose the severity from the SMS’s words, as for a mail', async () => {
    const from = mobileNumber();
    await send(smsFields(from, 'El portal está completamente caído desde hace una hora, ninguna empresa puede timbrar, todo detenido.'));
    const [opened] = await ticketsOf(from);
    const view = await ticket(opened!.number);
    expect(view.severity).toBeLessThanOrEqual(1);
    expect(view.events.find((event) => event.type === 'severity_set')!.data.modelVersion).not.toBe('sin-texto');
    const confirmation = await fake.waitForMessage((message) => message.form.To === from, 'the confirmation SMS');
    expect(confirmation.form.Body).toContain(`Severidad ${view.severity} – `);
  });

  it('should add the next SMS of the same number to its open ticket, with no second confirmation, and show it to agents', async () => {
    const from = mobileNumber();
    await send(smsFields(from, 'No puedo timbrar.'));
    const [opened] = await ticketsOf(from);
    await fake.waitForMessage((message) => message.form.To === from, 'the confirmation SMS');

    // Two more at once (a person writes fast): both join, neither opens a ticket.
    await Promise.all([send(smsFields(from, 'Me sale el error CFDI40102.')), send(smsFields(from, 'Es urgente, gracias.'))]);
    expect(await ticketsOf(from)).toEqual([opened]);
    const view = await ticket(opened!.number);
    expect(view.messages.filter((message) => message.direction === 'inbound').map((message) => message.text)).toEqual(
      expect.arrayContaining(['No puedo timbrar.', 'Me sale el error CFDI40102.', 'Es urgente, gracias.']),
    );
    expect(view.events.filter((event) => event.type === 'message_received')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smsTo(from)).toHaveLength(1);
  });

  it('should reopen a ticket resolved lately when its caller answers the resolution by SMS, and open a new one once it is older than a week', async () => {
    const from = mobileNumber();
    await send(smsFields(from, '¿Cómo cancelo una factura?'));
    const [first] = await ticketsOf(from);
    expect((await api.post(`/api/tickets/${first!.number}/resolve`, { resolution: 'Desde Facturas › Cancelar.' })).status).toBe(200);
    await fake.waitForMessage((message) => message.form.To === from && message.form.Body!.includes('Cancelar'), 'the resolution SMS');

    await send(smsFields(from, 'No me aparece la opción Cancelar.'));
    expect(await ticketsOf(from)).toEqual([first]);
    const reopened = await ticket(first!.number);
    expect(reopened.status).not.toBe('resolved');
    expect(reopened.events.map((event) => event.type)).toContain('reopened');

    // Resolved eight days ago: an SMS now is a new request.
    expect((await api.post(`/api/tickets/${first!.number}/resolve`, { resolution: 'Se habilitó la opción.' })).status).toBe(200);
    await env.query(`UPDATE tickets SET resolved_at = now() - interval '8 days' WHERE number = $1`, [first!.number]);
    await send(smsFields(from, 'Otra consulta: ¿cómo agrego un cliente?'));
    const tickets = await ticketsOf(from);
    expect(tickets).toHaveLength(2);
    expect((await ticket(first!.number)).status).toBe('resolved');
    const second = await ticket(tickets[1]!.number);
    expect(second.messages[0]!.text).toBe('Otra consulta: ¿cómo agrego un cliente?');
  });

  it('should take a rating sent by SMS as the answer to the survey sent by SMS, without reopening the ticket', async () => {
    const from = mobileNumber();
    const number = await openedAndResolved(from, '¿Dónde descargo mi constancia?', 'En Perfil › Constancia.');
    expect(await surveySent(from, number)).toContain('Responde con un número del 1 (muy mala) al 5 (excelente)');

    await send(smsFields(from, '5.'));
    const view = await ticket(number);
    expect(view.status).toBe('resolved');
    expect(view.events.find((event) => event.type === 'survey_answered')?.data).toMatchObject({ rating: 5, label: 'Excelente', by: 'sms' });
    expect(view.events.map((event) => event.type)).not.toContain('reopened');
    expect((await env.query<{ rating: number }>(`SELECT s.rating FROM satisfaction_surveys s JOIN tickets t ON t.id = s.ticket_id WHERE t.number = $1`, [number]))[0]).toEqual({ rating: 5 });

    // Answered once: a second digit is a message like any other, and reopens the ticket.
    await send(smsFields(from, '1'));
    expect((await ticket(number)).status).not.toBe('resolved');
  });

  it('should put a rating on the ticket whose survey asked for it, even when the number has a newer ticket', async () => {
    const from = mobileNumber();
    const surveyed = await openedAndResolved(from, '¿Cómo cambio mi contraseña?', 'Desde Perfil › Seguridad.');
    await surveySent(from, surveyed);
    // The same customer has a newer open ticket meanwhile (a call, say).
    const [newer] = await env.query<{ number: string }>(
      `INSERT INTO tickets (channel, subject, severity, severity_source, severity_reasons, status, contact_id,
                            attention_due_at, attention_risk_at, solution_due_at, solution_risk_at)
       SELECT 'phone', 'Llamada telefónica', 2, 'auto', '["test"]', 'new', contact_id, now() + interval '2 hours', now() + interval '90 minutes',
              now() + interval '8 hours', now() + interval '6 hours' FROM tickets WHERE number = $1 RETURNING number`,
      [surveyed],
    );

    await send(smsFields(from, '4'));
    const rated = await ticket(surveyed);
    expect(rated.status).toBe('resolved');
    expect(rated.events.find((event) => event.type === 'survey_answered')?.data).toMatchObject({ rating: 4, by: 'sms' });
    expect(rated.messages.some((message) => message.direction === 'inbound' && message.text === '4')).toBe(true);
    expect((await ticket(newer!.number)).messages).toHaveLength(0);
  });

  it('should keep the links of an MMS’s files in the message', async () => {
    const from = mobileNumber();
    const file = 'https://api.twilio.com/2010-04-01/Accounts/AC00/Messages/MM00/Media/ME00';
    await send(smsFields(from, 'Así sale el error', { MessageSid: `MM${randomBytes(16).toString('hex')}`, NumMedia: '1', MediaUrl0: file, MediaContentType0: 'image/jpeg' }));
    const [opened] = await ticketsOf(from);
    expect((await ticket(opened!.number)).messages[0]!.text).toBe(`Así sale el error\n\nArchivo adjunto (image/jpeg): ${file}`);
  });

  it('should open no ticket and send nothing for one of Twilio’s opt-out keywords, which Twilio answers itself, nor for an empty SMS', async () => {
    const from = mobileNumber();
    await send(smsFields(from, ' Stop. '));
    await send(smsFields(from, ''));
    expect(await ticketsOf(from)).toHaveLength(0);
    const items = await env.query<{ status: string; outcome: string }>(`SELECT status, outcome FROM inbound_items WHERE summary->>'from' = $1 ORDER BY received_at`, [from]);
    expect(items).toEqual([
      { status: 'skipped', outcome: 'sms_keyword' },
      { status: 'skipped', outcome: 'empty_sms' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smsTo(from)).toHaveLength(0);
  });

  it('should take an SMS sent with npm run dev:sms, as a developer tries the channel locally', async () => {
    const from = mobileNumber();
    const { stdout } = await execFileAsync(process.execPath, [join(repoRoot(), 'dist/tools/dev-sms.js'), from, 'Prueba desde la terminal'], {
      env: { ...process.env, PORT: String(port), PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    });
    expect(stdout).toContain('stored');
    const confirmation = await fake.waitForMessage((message) => message.form.To === from, 'the confirmation SMS of the dev:sms');
    expect(confirmation.form.Body).toContain('Registramos tu solicitud con el ticket');
  });

  it('should refuse a missing or wrong signature with 403 and unreadable fields with 400 saying why, storing nothing', async () => {
    const before = await storedItems();
    const fields = smsFields(mobileNumber(), 'Hola');
    const forged = await twilio.post(SMS_WEBHOOK_PATH, fields, { signature: null });
    expect(forged).toMatchObject({ status: 403, text: expect.stringContaining('X-Twilio-Signature') });
    const changed = await twilio.post(SMS_WEBHOOK_PATH, { ...fields, Body: 'Otra cosa' }, { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(changed.status).toBe(403);

    const noSid = await twilio.post(SMS_WEBHOOK_PATH, { ...fields, MessageSid: 'nope' });
    expect(noSid).toMatchObject({ status: 400, text: expect.stringContaining('MessageSid') });
    const noNumber = await twilio.post(SMS_WEBHOOK_PATH, { ...fields, From: 'whatsapp:+5281' });
    expect(noNumber).toMatchObject({ status: 400, text: expect.stringContaining('From') });
    // JSON is not how Twilio posts: said so, whatever it was signed over.
    const signedBare = twilioSdk.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${SMS_WEBHOOK_PATH}`, {});
    const json = await twilio.post(SMS_WEBHOOK_PATH, {}, { contentType: 'application/json', body: JSON.stringify(fields), signature: signedBare });
    expect(json).toMatchObject({ status: 400, text: expect.stringContaining('x-www-form-urlencoded') });
    const badMedia = await twilio.post(SMS_WEBHOOK_PATH, { ...fields, NumMedia: '99' });
    expect(badMedia).toMatchObject({ status: 400, text: expect.stringContaining('NumMedia') });
    expect(await storedItems()).toBe(before);
  });
});
