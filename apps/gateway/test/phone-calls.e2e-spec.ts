import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshotBothSizes, seriousAccessibilityViolations, signInToInbox } from '../../../test/support/browser.js';
import { eventually } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/ports.js';
import { repoRoot } from '../../../test/support/repo-root.js';
import { SimulatedCall, TwilioWebhookClient } from '../../../test/support/simulated-call.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import { findAll, spokenText, type TwimlNode } from '../../../test/support/twiml.js';
import { TwilioApiFake } from '../../../test/support/twilio-api-fake.js';
import { TEST_TWILIO, twilioSettings } from '../../../test/support/twilio-test-account.js';

const { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, supportLine: SUPPORT_LINE } = TEST_TWILIO;
const WAIT_SECONDS = 10;
const execFileAsync = promisify(execFile);

interface TicketView {
  number: string;
  channel: string;
  severity: number;
  severitySource: string;
  status: string;
  callbackRequested: boolean;
  contact: { email: string | null; phone: string | null };
  messages: Array<{ direction: string; channel: string; text: string; delivery: { status: string; recipient: string } | null }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

/** A unique Mexican mobile, written the legacy way (+52 1 ...) or in E.164. */
const mobile = (legacy = false): string => `+52${legacy ? '1' : ''}81${String(randomInt(10_000_000, 99_999_999))}`;

describe('phone calls (signed Twilio webhooks → gateway → worker → SMS through a fake of Twilio’s REST API)', () => {
  let env: TestEnvironment;
  let fake: TwilioApiFake;
  let gateway: AppProcess;
  let worker: AppProcess;
  let base: string;
  let twilio: TwilioWebhookClient;
  let api: ApiClient;

  const ticket = async (number: string): Promise<TicketView> => (await api.get<TicketView>(`/api/tickets/${number}`)).body;
  const ticketNumberOfCall = async (call: SimulatedCall): Promise<string | undefined> =>
    (
      await env.query<{ number: string }>(`SELECT t.number FROM phone_calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.call_sid = $1`, [
        call.callSid,
      ])
    )[0]?.number;
  const callTicket = (call: SimulatedCall) => eventually(() => ticketNumberOfCall(call), { what: `the ticket of ${call.callSid}` });
  /** Every stored callback of the call has been applied by the worker. */
  const settled = (call: SimulatedCall) =>
    eventually(
      async () =>
        (await env.query(`SELECT 1 FROM inbound_items WHERE dedupe_key LIKE $1 AND status = 'pending'`, [`call-${call.callSid}-%`])).length === 0,
      { what: `the callbacks of ${call.callSid} to be applied` },
    );
  const storedItems = async () => Number((await env.query<{ count: string }>(`SELECT count(*) FROM inbound_items`))[0]!.count);
  const smsTo = (phone: string) => fake.sentMessages().filter((message) => message.form.To === phone);
  const newCall = (from = mobile()) => new SimulatedCall(twilio, from, SUPPORT_LINE);
  const eventTypes = (view: TicketView) => view.events.map((event) => event.type);

  beforeAll(async () => {
    env = await TestEnvironment.create('phone');
    fake = await TwilioApiFake.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    twilio = new TwilioWebhookClient(base, PUBLIC_BASE_URL, ACCOUNT_SID, AUTH_TOKEN);
    const phoneEnv = { ...twilioSettings(fake.url), PHONE_CONFIRMATION_WAIT_SECONDS: String(WAIT_SECONDS) };
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), ...phoneEnv })).start();
    worker = await new AppProcess('worker', env.processEnv(phoneEnv)).start();
    api = await ApiClient.signIn(base);
  });

  afterAll(async () => {
    await gateway?.stop();
    await worker?.stop();
    await fake?.close();
    await env?.close();
  });

  /** Dials, picks a severity, waits for the ticket (the caller is still describing the problem), and hangs up after the confirmation. */
  async function callWithSeverity(call: SimulatedCall, key: string): Promise<{ record: TwimlNode; confirmation: TwimlNode; number: string }> {
    const record = await call.press(await call.dial(), key);
    const number = await callTicket(call);
    return { record, confirmation: await call.speak(record), number };
  }

  it('should answer in Mexican Spanish, open a ticket with the chosen severity, read its number digit by digit and confirm it by SMS', async () => {
    const call = newCall();
    const menu = await call.dial();
    expect(findAll(menu, 'Gather')[0]!.attributes).toMatchObject({ input: 'dtmf', numDigits: '1' });
    for (const say of findAll(menu, 'Say')) expect(say.attributes).toMatchObject({ voice: 'Polly.Mia', language: 'es-MX' });
    expect(spokenText(menu)).toContain('Si el servicio está completamente caído y no puede operar, marque 0.');

    const record = await call.press(menu, '1');
    expect(spokenText(record)).toContain('Después del tono, describa su problema');
    expect(findAll(record, 'Record')[0]!.attributes).toMatchObject({ transcribe: 'true', playBeep: 'true' });

    const number = await callTicket(call);
    const confirmation = await call.speak(record);
    const digits = findAll(confirmation, 'say-as').filter((node) => node.attributes['interpret-as'] === 'digits');
    expect(digits.map((node) => node.text)).toEqual([number.slice(3), number.slice(3)]);
    expect(spokenText(confirmation)).toContain('Severidad uno: Falla o suspensión parcial del servicio');
    expect(findAll(confirmation, 'Hangup')).toHaveLength(1);

    const sms = await fake.waitForMessage((message) => message.form.To === call.from, 'the confirmation SMS');
    expect(sms.user).toBe(ACCOUNT_SID);
    expect(sms.form.From).toBe(SUPPORT_LINE);
    expect(sms.form.Body).toContain(`Registramos tu solicitud con el ticket ${number}.`);
    expect(sms.form.Body).toContain('Severidad 1 – Falla parcial');

    // A NUL in a transcription (Postgres keeps none) is dropped, not a callback failed on every attempt.
    await call.deliver(call.transcriptionCallback(record, 'No puedo timbrar\u0000 facturas desde las nueve.'));
    await call.deliver(call.recordingStatusCallback(record));
    await call.deliver(call.statusCallback('completed', 95));
    await settled(call);
    const view = await ticket(number);
    expect(view).toMatchObject({ channel: 'phone', severity: 1, severitySource: 'customer', callbackRequested: false, contact: { phone: call.from } });
    // The caller chose it: nothing was proposed (the classifier would have read only the call's card).
    expect(view).toMatchObject({ severityReasons: ['elegida por el cliente'], severityConfidence: null, severityModelVersion: null, severityReview: false });
    expect(view.events.find((event) => event.type === 'severity_set')!.data).toMatchObject({ severity: 1, source: 'customer', suggested: null, confidence: null });
    // The call card, rewritten as each callback arrives, still comes before the confirmation it caused.
    expect(view.messages.map((message) => message.direction)).toEqual(['inbound', 'outbound']);
    const card = view.messages[0]!;
    expect(card.text).toContain(`Grabación (42 s): ${call.recordingUrl}`);
    expect(card.text).toContain('Transcripción: «No puedo timbrar facturas desde las nueve.»');
    expect(card.text).toContain('Llamada terminada: completada, duración 95 s.');
    expect(eventTypes(view)).toEqual(expect.arrayContaining(['created', 'call_recording_received', 'call_transcribed', 'call_ended', 'confirmation_sent']));
  });

  it('should keep the caller at most 10 s in pauses, then promise the number by SMS, and send it once the ticket exists', async () => {
    await worker.stop();
    const call = newCall();
    const record = await call.press(await call.dial(), '2');
    let answer = await call.speak(record);
    expect(spokenText(answer)).toContain('Un momento, por favor');
    let pausedSeconds = 0;
    let rounds = 0;
    while (findAll(answer, 'Redirect').length > 0 && rounds < 20) {
      pausedSeconds += Number(findAll(answer, 'Pause')[0]!.attributes.length);
      answer = await call.follow(answer);
      rounds += 1;
    }
    expect(pausedSeconds).toBe(WAIT_SECONDS);
    expect(spokenText(answer)).toContain('recibirá su número de ticket por mensaje de texto');
    expect(findAll(answer, 'Hangup')).toHaveLength(1);

    await worker.start();
    const number = await callTicket(call);
    const sms = await fake.waitForMessage((message) => message.form.To === call.from, 'the SMS with the ticket number');
    expect(sms.form.Body).toContain(number);
    expect(sms.form.Body).toContain('Severidad 2');
  });

  describe('callbacks repeated and out of order', () => {
    /** What a person sees of the call's ticket, with the call's own ids taken out. */
    async function snapshot(call: SimulatedCall) {
      await settled(call);
      const number = await callTicket(call);
      const view = await eventually(async () => {
        const current = await ticket(number);
        return eventTypes(current).includes('confirmation_sent') ? current : undefined;
      });
      const anonymise = (text: string) =>
        text
          .replaceAll(call.from, '<caller>')
          .replaceAll(call.callSid, '<call>')
          .replaceAll(call.recordingSid, '<recording>')
          .replaceAll(number, '<ticket>');
      return {
        severity: view.severity,
        severitySource: view.severitySource,
        status: view.status,
        callbackRequested: view.callbackRequested,
        messages: view.messages
          .map((message) => ({ direction: message.direction, text: anonymise(message.text), delivery: message.delivery?.status }))
          .sort((a, b) => a.direction.localeCompare(b.direction)),
        events: eventTypes(view).sort(),
        sms: smsTo(call.from).length,
      };
    }

    async function callWithAsyncCallbacks(order: Array<'recording' | 'transcription' | 'status'>, repeat: number, workerDown: boolean) {
      if (workerDown) await worker.stop();
      const call = newCall();
      const record = await call.press(await call.dial(), '3');
      if (!workerDown) await callTicket(call);
      await call.speak(record);
      const callbacks = {
        recording: call.recordingStatusCallback(record),
        transcription: call.transcriptionCallback(record, 'Quiero saber cómo cancelar una factura.'),
        status: call.statusCallback('completed', 61),
      };
      for (let round = 0; round < repeat; round += 1) {
        for (const name of order) await call.deliver(callbacks[name]);
      }
      if (workerDown) await worker.start();
      return snapshot(call);
    }

    it('should end in the same ticket whatever order and however often the callbacks arrive', async () => {
      const inOrder = await callWithAsyncCallbacks(['recording', 'transcription', 'status'], 1, false);
      expect(inOrder).toMatchObject({ severity: 3, severitySource: 'customer', callbackRequested: false, sms: 1 });
      expect(inOrder.messages.find((message) => message.direction === 'inbound')!.text).toContain('Transcripción: «Quiero saber cómo cancelar una factura.»');

      // The end of the call and the transcription come before the recording, each three times.
      expect(await callWithAsyncCallbacks(['status', 'transcription', 'recording'], 3, false)).toEqual(inOrder);
      // Everything is stored while the worker is down, then applied at once, concurrently.
      expect(await callWithAsyncCallbacks(['transcription', 'status', 'recording'], 2, true)).toEqual(inOrder);
    });

    it('should apply the menu choice before the end of the call even when the end was stored first', async () => {
      // A caller who hangs up right after pressing a key: the status callback can be stored before the menu's.
      await worker.stop();
      const call = newCall();
      const menu = await call.dial();
      await call.deliver(call.statusCallback('completed', 9));
      await call.press(menu, '0');
      // One job at a time, in the order stored: the end of the call is applied before the menu.
      await worker.start({ INTAKE_CONCURRENCY: '1' });
      const number = await callTicket(call);
      await settled(call);
      expect(await ticket(number)).toMatchObject({ severity: 0, severitySource: 'customer', callbackRequested: true });
      const tickets = await env.query(`SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.phone = $1`, [call.from]);
      expect(tickets).toHaveLength(1);
      const [end] = await env.query<{ attempts: number; last_error: string; status: string }>(
        `SELECT attempts, last_error, status FROM inbound_items WHERE dedupe_key = $1`,
        [`call-${call.callSid}-status-completed`],
      );
      expect(end).toMatchObject({ status: 'done', attempts: 1, last_error: expect.stringContaining('earlier callbacks of it are still pending') });
      await worker.stop();
      await worker.start();
    });

    it('should store a repeated webhook once', async () => {
      const call = newCall();
      await call.dial();
      const before = await storedItems();
      await call.dial();
      await call.deliver(call.statusCallback('busy', 0));
      await call.deliver(call.statusCallback('busy', 0));
      expect(await storedItems()).toBe(before + 1);
    });
  });

  it('should keep an idle connection open past a load balancer\'s idle minute, so webhooks that reuse it are not reset', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ask = () =>
      new Promise<{ keepAlive: string | string[] | undefined; reused: boolean }>((resolve, reject) => {
        const request = get(`${base}/health`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve({ keepAlive: response.headers['keep-alive'], reused: request.reusedSocket }));
        });
        request.on('error', reject);
      });
    try {
      // What clients and balancers size their pools by.
      expect((await ask()).keepAlive).toBe('timeout=65');
      // Past Node's default of 5 s, after which the gateway used to close it.
      await sleep(6_000);
      expect((await ask()).reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  describe('signatures and bad input', () => {
    it('should refuse a missing or wrong X-Twilio-Signature with 403 and store nothing', async () => {
      const call = newCall();
      const before = await storedItems();
      const signedForVoice = (await import('twilio')).default.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio/voice`, call.fields());
      const attempts = [
        twilio.post('/webhooks/twilio/voice', call.fields(), { signature: null }),
        twilio.post('/webhooks/twilio/voice', call.fields(), { signature: 'bm90IGEgc2lnbmF0dXJl' }),
        twilio.post('/webhooks/twilio/status', call.fields({ CallStatus: 'completed' }), { signature: signedForVoice }),
        // Signed, then a field changed on the way.
        twilio.post('/webhooks/twilio/voice', call.fields({ From: '+528100000000' }), { signature: signedForVoice }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.text).toContain('X-Twilio-Signature');
      }
      expect(await storedItems()).toBe(before);
      expect(await ticketNumberOfCall(call)).toBeUndefined();
    });

    it('should answer 400 with the reason for a signed request it cannot read, and store nothing', async () => {
      const before = await storedItems();
      const missingSid = await twilio.post('/webhooks/twilio/voice', { From: '+528112345678' });
      expect(missingSid).toMatchObject({ status: 400, text: expect.stringContaining('CallSid') });
      const badStatus = await twilio.post('/webhooks/twilio/status', newCall().fields({ CallStatus: 'exploded' }));
      expect(badStatus).toMatchObject({ status: 400, text: expect.stringContaining('CallStatus') });
      const json = await twilio.post('/webhooks/twilio/voice', {}, { contentType: 'application/json', body: '{}' });
      expect(json).toMatchObject({ status: 400, text: expect.stringContaining('x-www-form-urlencoded') });
      expect(await storedItems()).toBe(before);
    });
  });

  describe('missed calls', () => {
    /** A caller who picks a severity and hangs up before the tone; resolves with the ticket's number once all is settled. */
    const hangUpAfterMenu = async (call: SimulatedCall, digit: string): Promise<string> => {
      await call.press(await call.dial(), digit);
      await call.deliver(call.statusCallback('completed', 20));
      const number = await callTicket(call);
      await settled(call);
      return number;
    };

    it('should turn a call that hangs up before leaving a message into a ticket flagged for a call back', async () => {
      const call = newCall();
      const number = await hangUpAfterMenu(call, '0');
      const view = await ticket(number);
      expect(view).toMatchObject({ severity: 0, callbackRequested: true });
      expect(eventTypes(view)).toEqual(expect.arrayContaining(['missed_call', 'call_ended']));
      expect(view.messages.find((message) => message.direction === 'inbound')!.text).toContain('LLAMADA PERDIDA');
      expect((await fake.waitForMessage((message) => message.form.To === call.from, 'the SMS of the missed call')).form.Body).toContain(number);
    });

    it('should clear the call-back flag when an agent returns the call, raise it again on the next missed call, and carry it through a merge', async () => {
      const call = newCall();
      const number = await hangUpAfterMenu(call, '2');
      expect((await ticket(number)).callbackRequested).toBe(true);

      const l3 = await api.createAgent({ name: 'Diego Desarrollo', email: `dev-${call.callSid.slice(-8)}@interfactura.example`, tier: 'L3' });
      expect((await l3.post(`/api/tickets/${number}/called-back`, {})).status).toBe(403);

      const done = await api.post<TicketView & { firstResponseAt: string | null }>(`/api/tickets/${number}/called-back`, { note: 'Se le explicó cómo reintentar el timbrado' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ callbackRequested: false, firstResponseAt: expect.any(String) });
      expect(done.body.events.find((event) => event.type === 'called_back')!.data).toMatchObject({ note: 'Se le explicó cómo reintentar el timbrado' });
      expect((await api.post(`/api/tickets/${number}/called-back`, {})).status).toBe(409);

      // The same customer calls again and hangs up during the greeting: the call joins the ticket, which asks for a call back again.
      const again = newCall(call.from);
      await again.dial();
      await again.deliver(again.statusCallback('completed', 3));
      expect(await callTicket(again)).toBe(number);
      await settled(again);
      expect((await ticket(number)).callbackRequested).toBe(true);

      // Merged into another ticket of the same customer, the calls and the owed call back go along.
      const [other] = await env.query<{ number: string }>(
        `INSERT INTO tickets (channel, subject, severity, severity_source, severity_reasons, status, contact_id,
                              attention_due_at, attention_risk_at, solution_due_at, solution_risk_at)
         SELECT 'email', 'Otro asunto del mismo cliente', 2, 'auto', '["test"]', 'open', contact_id,
                attention_due_at, attention_risk_at, solution_due_at, solution_risk_at
           FROM tickets WHERE number = $1 RETURNING number`,
        [number],
      );
      expect((await api.post(`/api/tickets/${number}/merge`, { into: other!.number })).status).toBe(200);
      expect((await ticket(other!.number)).callbackRequested).toBe(true);
      expect((await ticket(number)).callbackRequested).toBe(false);
    });

    it('should tell a caller with a withheld number how else to reach support, and keep the call visible', async () => {
      const call = newCall('anonymous');
      const answer = await call.dial();
      expect(spokenText(answer)).toContain('No podemos registrar llamadas con número oculto');
      expect(findAll(answer, 'Hangup')).toHaveLength(1);
      await call.deliver(call.statusCallback('completed', 12));
      await settled(call);
      const items = await env.query<{ status: string; outcome: string }>(`SELECT status, outcome FROM inbound_items WHERE dedupe_key LIKE $1`, [
        `call-${call.callSid}-%`,
      ]);
      expect(items).toHaveLength(2);
      expect(items.every((item) => item.status === 'skipped' && item.outcome === 'caller_number_withheld')).toBe(true);
    });

    it('should open no ticket and send no SMS for a caller who hangs up during the greeting with nothing open, and show the call to agents to return', async () => {
      const call = newCall();
      await call.dial();
      await call.deliver(call.statusCallback('completed', 3));
      await settled(call);
      expect(await ticketNumberOfCall(call)).toBeUndefined();
      const items = await env.query<{ status: string; outcome: string }>(`SELECT status, outcome FROM inbound_items WHERE dedupe_key LIKE $1`, [`call-${call.callSid}-%`]);
      // The greeting's callback waited for more (in progress); the hang-up decided: no ticket.
      expect(items.map((item) => [item.status, item.outcome]).sort()).toEqual([
        ['skipped', 'call_in_progress'],
        ['skipped', 'hung_up_before_menu'],
      ]);
      // Nothing was owed to the caller: no delivery in the outbox, so no SMS can ever leave.
      expect(await env.query(`SELECT 1 FROM outbound_deliveries WHERE recipient = $1`, [call.from])).toHaveLength(0);
      expect(smsTo(call.from)).toHaveLength(0);

      const missed = (await api.get<{ items: Array<Record<string, unknown>> }>('/api/calls/missed')).body.items.find((item) => item.callSid === call.callSid);
      expect(missed).toMatchObject({ caller: call.from, durationSeconds: 3, calledBackAt: null });
      const l3 = await api.createAgent({ name: 'Diana Desarrollo', email: `dev-colgo-${call.callSid.slice(-8)}@interfactura.example`, tier: 'L3' });
      expect((await l3.post(`/api/calls/missed/${call.callSid}/called-back`, {})).status).toBe(403);
      expect((await api.post(`/api/calls/missed/${call.callSid}/called-back`, {})).status).toBe(204);
      expect((await api.post(`/api/calls/missed/${call.callSid}/called-back`, {})).status).toBe(409);
      expect((await api.post(`/api/calls/missed/no-es-un-sid/called-back`, {})).status).toBe(400);

      // The page agents read, at both sizes, with nothing serious for axe.
      const browser = await launchBrowser();
      try {
        const again = newCall();
        await again.dial();
        await again.deliver(again.statusCallback('no-answer', 0));
        await settled(again);
        const page = await signInToInbox(browser, base, ADMIN);
        await page.getByRole('button', { name: 'Llamadas', exact: true }).click();
        const row = page.locator(`tr[data-call="${again.callSid}"]`);
        await row.waitFor();
        expect(await page.locator(`tr[data-call="${call.callSid}"]`).textContent()).toContain('Sí, ');
        await screenshotBothSizes(page, 'phone-calls', 'missed-calls-page');
        expect((await seriousAccessibilityViolations(page)).map((violation) => violation.id)).toEqual([]);
        await row.getByRole('button', { name: `Devolví la llamada a ${again.from}` }).click();
        await row.getByText('Sí, ').waitFor();
      } finally {
        await browser.close();
      }
    });

    it('should put a call that hangs up during the greeting on the caller’s open ticket, flagged for a call back', async () => {
      const caller = mobile();
      const open = await seedTicket(env, { email: `cliente-${caller.slice(-8)}@example.mx`, subject: 'No se generan mis CFDI', severity: 1 });
      await env.query(`UPDATE contacts SET phone = $1 WHERE id = (SELECT contact_id FROM tickets WHERE id = $2)`, [caller, open.id]);
      const call = newCall(caller);
      await call.dial();
      await call.deliver(call.statusCallback('completed', 4));
      expect(await callTicket(call)).toBe(open.number);
      await settled(call);
      const view = await ticket(open.number);
      expect(view.callbackRequested).toBe(true);
      expect(view.messages.some((message) => message.channel === 'phone' && message.text.includes('colgó antes de elegir'))).toBe(true);
      const sms = await fake.waitForMessage((message) => message.form.To === caller, 'the SMS about the missed call');
      expect(sms.form.Body).toContain(`Agregamos tu llamada al ticket ${open.number}.`);
    });
  });

  it('should add a call to the caller’s ticket by its number, and after a wrong number twice open a new one for the same contact', async () => {
    const phone = mobile();
    const email = `lucia-${phone.slice(-8)}@example.mx`;
    const existing = await seedTicket(env, { email, name: 'Lucía Garza', subject: 'Complemento de pago rechazado', severity: 2 });
    await env.query(`UPDATE contacts SET phone = $1 WHERE email = $2`, [phone, email]);
    const legacyNumber = `+521${phone.slice(3)}`;

    // First call: a number that is not hers, twice; then a new ticket.
    const first = new SimulatedCall(twilio, legacyNumber, SUPPORT_LINE);
    const prompt = await first.press(await first.dial(), '4');
    expect(spokenText(prompt)).toContain('Marque los números de su ticket');
    const again = await first.press(prompt, '999999');
    expect(spokenText(again)).toContain('El número 9 9 9 9 9 9 no corresponde a ningún ticket de este teléfono. Intente de nuevo.');
    // More keys than any ticket number (an RFC, a phone number typed by mistake) is one more wrong number.
    const fallback = await first.press(again, '8112345678901234567890123');
    expect(spokenText(fallback)).toContain('Abriremos un ticket nuevo.');
    expect(spokenText(fallback)).not.toContain('marque 4');
    const record = await first.press(fallback, '3');
    const newNumber = await callTicket(first);
    expect(spokenText(await first.speak(record))).toContain('quedó registrada con el ticket número');
    const created = await ticket(newNumber);
    expect(newNumber).not.toBe(existing.number);
    expect(created.contact).toMatchObject({ email, phone });

    // Second call: her own ticket, typed without the leading zeros.
    const second = new SimulatedCall(twilio, legacyNumber, SUPPORT_LINE);
    const joined = await second.press(await second.press(await second.dial(), '4'), String(Number(existing.number.slice(3))));
    expect(spokenText(joined)).toContain('Agregaremos esta llamada a su ticket');
    expect(await callTicket(second)).toBe(existing.number);
    const confirmation = await second.speak(joined);
    expect(spokenText(confirmation)).toContain('Agregamos su llamada al ticket número');
    expect(findAll(confirmation, 'say-as').map((node) => node.text)).toContain(existing.number.slice(3));
    const sms = await fake.waitForMessage((message) => message.form.To === phone && message.form.Body.includes(existing.number), 'the SMS of the added call');
    expect(sms.form.Body).toContain(`Agregamos tu llamada al ticket ${existing.number}.`);
    await settled(second);
    const view = await ticket(existing.number);
    expect(view.messages.some((message) => message.channel === 'phone' && message.text.includes(second.recordingUrl))).toBe(true);
  });

  it('should send an agent’s reply on a phone ticket to the caller as an SMS', async () => {
    const call = newCall();
    const menu = await call.dial();
    const record = await call.press(menu, '2');
    const number = await callTicket(call);
    await call.speak(record);
    await fake.waitForMessage((message) => message.form.To === call.from, 'the confirmation SMS');

    const reply = await api.post(`/api/tickets/${number}/replies`, { body: 'Ya revisamos su factura; puede timbrarla de nuevo.' });
    expect(reply.status).toBe(201);
    const sms = await fake.waitForMessage((message) => message.form.To === call.from && message.form.Body!.includes('Ya revisamos su factura'), 'the reply SMS');
    expect(sms.form.From).toBe(SUPPORT_LINE);
    const view = await eventually(async () => {
      const current = await ticket(number);
      return current.messages.some((message) => message.direction === 'outbound' && message.text.includes('Ya revisamos') && message.delivery?.status === 'sent')
        ? current
        : undefined;
    });
    expect(view.messages.find((message) => message.text.includes('Ya revisamos'))!.delivery).toMatchObject({ recipient: call.from });

    // What one SMS cannot carry is refused, saying by how much, instead of reaching the caller cut short.
    const sent = fake.sentMessages().length;
    const long = await api.post<{ code: string; message: string }>(`/api/tickets/${number}/replies`, { body: `${'Paso a paso. '.repeat(130)}FIN` });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'sms_too_long', message: expect.stringMatching(/^Un SMS lleva como máximo 1600 caracteres con la firma: el mensaje \(body\) tiene \d+ de más/) });
    const resolution = await api.post<{ code: string }>(`/api/tickets/${number}/resolve`, { resolution: 'x'.repeat(1_700) });
    expect(resolution.status).toBe(400);
    expect(resolution.body.code).toBe('sms_too_long');
    expect((await ticket(number)).status).not.toBe('resolved');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sentMessages()).toHaveLength(sent);
  });

  it('should retry an SMS that Twilio fails with a 500 and show each failed attempt on the ticket, numbered in order', async () => {
    // The worker's own first try, then the first of the queue's retries.
    fake.failNext(500, 500);
    const call = newCall();
    const { number } = await callWithSeverity(call, '2');
    await fake.waitForMessage((message) => message.form.To === call.from, 'the SMS after the retry');
    const view = await eventually(async () => {
      const current = await ticket(number);
      return eventTypes(current).includes('confirmation_sent') ? current : undefined;
    });
    const failed = view.events.filter((event) => event.type === 'delivery_failed');
    expect(failed.map((event) => event.data)).toEqual([
      expect.objectContaining({ attempt: 1, willRetry: true, error: expect.stringContaining('500') }),
      expect.objectContaining({ attempt: 2, willRetry: true, error: expect.stringContaining('500') }),
    ]);
    expect(view.messages.find((message) => message.direction === 'outbound')?.delivery).toMatchObject({ status: 'sent', recipient: call.from });
  });

  it('should send the confirmation SMS once when Twilio answers slower than the recovery sweep waits for it', async () => {
    // The worker sends it right after the ticket's commit; the sweep (every 500 ms, 1 s grace here)
    // sees it still owed while Twilio takes 2.5 s to answer.
    fake.delayNext(2_500);
    const call = newCall();
    await call.press(await call.dial(), '2');
    await fake.waitForMessage((message) => message.form.To === call.from, 'the slow SMS');
    // Past several sweeps and a job lock (3 s): the send held its lease all along.
    await sleep(4_000);
    expect(fake.requests.filter((request) => request.method === 'POST' && request.form.To === call.from)).toHaveLength(1);
    expect(smsTo(call.from)).toHaveLength(1);
  });

  it('should leave the severity of a call with no menu choice for L1 to set, not guess it from the call card’s fixed wording', async () => {
    const call = newCall();
    const again = await call.press(await call.dial(), '');
    const record = await call.press(again, '');
    expect(spokenText(record)).toContain('Continuemos sin elegir');
    const number = await callTicket(call);
    await call.speak(record);
    await settled(call);
    expect(await ticket(number)).toMatchObject({
      severity: 2,
      severityReview: true,
      severityConfidence: 0,
      severityReasons: ['sin descripción del cliente todavía: falta revisarla'],
    });
  });

  it('should not promise an SMS that Twilio already refused for good (a landline), and ask the caller to note the number', async () => {
    // 400: Twilio's answer for a number that cannot take SMS; not retried.
    fake.failNext(400);
    const call = newCall();
    const record = await call.press(await call.dial(), '2');
    const number = await callTicket(call);
    await eventually(
      async () => ((await env.query(`SELECT 1 FROM outbound_deliveries d JOIN tickets t ON t.id = d.ticket_id WHERE t.number = $1 AND d.status = 'failed'`, [number])).length === 1 ? true : undefined),
      { what: 'the SMS failed for good' },
    );
    const confirmation = await call.speak(record);
    expect(spokenText(confirmation)).not.toContain('mensaje de texto');
    expect(spokenText(confirmation)).toContain('Por favor, anote este número');
  });

  it('should not promise an SMS to a caller whose confirmations of the hour are used up (the loop guard), and ask them to note the number', async () => {
    const from = mobile();
    for (let call = 1; call <= 3; call += 1) {
      const { confirmation } = await callWithSeverity(newCall(from), '2');
      expect(spokenText(confirmation)).toContain('recibirá un mensaje de texto');
      await eventually(() => (smsTo(from).length === call ? true : undefined), { what: `SMS ${call} to ${from}` });
    }
    const { confirmation, number } = await callWithSeverity(newCall(from), '2');
    expect(spokenText(confirmation)).not.toContain('mensaje de texto');
    expect(spokenText(confirmation)).toContain('Por favor, anote este número');
    expect(eventTypes(await ticket(number))).toContain('confirmation_suppressed');
    expect(smsTo(from)).toHaveLength(3);
  });

  it('should take a call made with npm run dev:call, as a developer tries the channel locally', async () => {
    const from = mobile();
    const { stdout } = await execFileAsync(process.execPath, [join(repoRoot(), 'dist/tools/dev-call.js'), from, '2', 'No me deja descargar el XML.'], {
      env: { PATH: process.env.PATH ?? '', PORT: new URL(base).port, ...twilioSettings(fake.url) },
      encoding: 'utf8',
    });
    expect(stdout).toMatch(/ticket número IF, \d{6}/);
    const sms = await fake.waitForMessage((message) => message.form.To === from.replace(/^\+521/, '+52'), 'the confirmation SMS of the dev:call');
    const number = /ticket ([A-Z]+-\d+)/.exec(sms.form.Body)![1]!;
    expect(stdout).toContain(`IF, ${number.split('-')[1]}`);
    const view = await eventually(async () => {
      const found = await ticket(number);
      return found.messages.some((message) => message.text.includes('No me deja descargar el XML.')) ? found : undefined;
    }, { what: 'the transcription on the ticket' });
    expect(view).toMatchObject({ severity: 2, channel: 'phone' });
  });

  it('should answer 503 saying so while the phone channel is not configured', async () => {
    const port = await freePort();
    const unconfigured = await new AppProcess('gateway', env.processEnv({ PORT: String(port) })).start();
    try {
      const client = new TwilioWebhookClient(`http://127.0.0.1:${port}`, PUBLIC_BASE_URL, ACCOUNT_SID, AUTH_TOKEN);
      const response = await client.post('/webhooks/twilio/voice', newCall().fields());
      expect(response).toMatchObject({ status: 503, text: expect.stringContaining('TWILIO_AUTH_TOKEN') });
    } finally {
      await unconfigured.stop();
    }
  });
});
