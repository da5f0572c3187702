import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { ApiClient, ADMIN } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { DovecotServer } from '../../../test/support/dovecot.js';
import { eventually } from '../../../test/support/eventually.js';
import { buildMail, customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SimulatedCall, TwilioWebhookClient } from '../../../test/support/simulated-call.js';
import { SmtpSink, type SunkMail } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import { TwilioApiFake } from '../../../test/support/twilio-api-fake.js';
import { TEST_TWILIO as TWILIO, twilioSettings } from '../../../test/support/twilio-test-account.js';
import type { AvailabilityReport, SlaReport } from '@app/tickets';

// One SLA hour lasts one second: attention 2 h = 2 s, solution 8 h = 8 s, severity 1 updates every 1 s.
const MINUTE_MS = 1_000 / 60;
const HOUR_MS = 60 * MINUTE_MS;
const PARTIAL_OUTAGE = 'Desde la mañana ninguna de nuestras facturas se timbra, todas marcan error de conexión con el PAC. El resto del portal sí funciona.';

interface EventRow {
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
}

describe('SLA engine with a short time scale (one hour = one second), real queue and processes', () => {
  let env: TestEnvironment;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let twilioApi: TwilioApiFake;
  let gateway: AppProcess;
  let worker: AppProcess;
  let base: string;
  let admin: ApiClient;

  const workerEnv = () => env.processEnv({ ...dovecot.imapEnv(), SMTP_URL: sink.url, ...twilioSettings(twilioApi.url), ...slaEnv() });
  const slaEnv = () => ({
    SLA_MINUTE_MS: String(MINUTE_MS),
    SLA_SCHEDULE_INTERVAL_MS: '200',
    HEALTH_SAMPLE_INTERVAL_MS: '500',
    MAINTENANCE_NOTICE_MINUTES: '120',
    MAINTENANCE_REMINDER_MINUTES: '60',
  });
  const ticketOf = async (email: string) =>
    eventually(
      async () =>
        (
          await env.query<{ id: string; number: string; tier: string; status: string; created_at: Date; solution_due_at: Date }>(
            `SELECT t.* FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.email = $1`,
            [email],
          )
        )[0],
      { what: `the ticket of ${email}` },
    );
  const eventsOf = (ticketId: string) => env.query<EventRow>(`SELECT type, data, created_at FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticketId]);
  const updatesTo = (address: string) => sink.to(address).filter((mail) => mail.parsed.subject?.endsWith('Actualización de tu ticket'));

  beforeAll(async () => {
    env = await TestEnvironment.create('sla');
    dovecot = await DovecotServer.start();
    sink = await SmtpSink.start();
    twilioApi = await TwilioApiFake.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Twilio's webhooks on, to hear the phone menu (nothing here completes a call); SMS to the fake, for maintenance notices.
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port), ...twilioSettings(twilioApi.url), ...slaEnv() })).start();
    worker = await new AppProcess('worker', workerEnv()).start();
    admin = await ApiClient.signIn(base, ADMIN);
  });

  afterAll(async () => {
    await gateway?.stop();
    await worker?.stop();
    await sink?.close();
    await twilioApi?.close();
    await dovecot?.destroy();
    await env?.close();
  });

  it('should warn at 75 %, breach, escalate on the solution breach and alert the inbox live, once each', async () => {
    const agents: Socket = io(`${base}/agents`, { auth: { token: admin.accessToken }, transports: ['websocket'] });
    const alerts: Array<{ number: string; kind: string }> = [];
    agents.on('sla:alert', (alert: { number: string; kind: string }) => alerts.push(alert));
    await new Promise<void>((resolve) => agents.once('connect', () => resolve()));

    const customer = customerAddress('sla');
    await dovecot.append(buildMail({ from: customer, subject: 'No timbra ninguna factura', text: PARTIAL_OUTAGE }).raw);
    const ticket = await ticketOf(customer);

    await eventually(async () => ((await eventsOf(ticket.id)).some((event) => event.type === 'sla_solution_breached') ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the solution breach',
    });
    const events = await eventsOf(ticket.id);
    const slaEvents = events.filter((event) => event.type.startsWith('sla_')).map((event) => event.type);
    expect(slaEvents).toEqual(['sla_attention_at_risk', 'sla_attention_breached', 'sla_solution_at_risk', 'sla_solution_breached']);
    const escalation = events.find((event) => event.type === 'escalated');
    expect(escalation?.data).toMatchObject({ from: 'L1', to: 'L2', automatic: true, by: 'Sistema (SLA)' });
    const breachedAt = events.find((event) => event.type === 'sla_solution_breached')!.created_at.getTime();
    // It fires when the deadline comes, not at the next sweep (the scale makes a minute 17 ms).
    expect(breachedAt).toBeGreaterThanOrEqual(ticket.solution_due_at.getTime());

    await eventually(() => (alerts.filter((alert) => alert.number === ticket.number).length >= 4 ? true : undefined), { what: 'the live alerts' });
    expect(alerts.filter((alert) => alert.number === ticket.number).map((alert) => alert.kind)).toEqual([
      'attention_at_risk',
      'attention_breached',
      'solution_at_risk',
      'solution_breached',
    ]);
    agents.close();
  });

  it('should mail status updates at the severity’s cadence with the agent’s progress note, and none after resolution', async () => {
    const customer = customerAddress('actualizaciones');
    await dovecot.append(buildMail({ from: customer, subject: 'Nómina no timbra', text: PARTIAL_OUTAGE }).raw);
    const ticket = await ticketOf(customer);
    expect((await admin.post(`/api/tickets/${ticket.number}/progress`, { note: 'Operaciones reinició el servicio de timbrado.' })).status).toBe(200);

    await eventually(() => (updatesTo(customer).length >= 3 ? true : undefined), { timeoutMs: 20_000, what: 'three status updates' });
    const [first, second] = updatesTo(customer);
    expect(first!.parsed.text).toContain(`Seguimos trabajando en tu ticket ${ticket.number}`);
    expect(first!.parsed.text).toMatch(/Avance registrado el .+ \(hora del centro de México\): Operaciones reinició el servicio de timbrado\./);
    // Severity 1: one update per SLA hour, never closer together.
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(HOUR_MS * 0.9);
    const owed = await env.query<{ due_at: Date }>(`SELECT due_at FROM sla_alerts WHERE ticket_id = $1 AND kind = 'status_update' ORDER BY due_at`, [ticket.id]);
    for (let index = 1; index < owed.length; index += 1) {
      // Due times are stored to the millisecond, and this run's hour is 1000.0000000000001 ms: allow the rounding.
      expect(owed[index]!.due_at.getTime() - owed[index - 1]!.due_at.getTime()).toBeGreaterThanOrEqual(HOUR_MS - 1);
    }

    // An agent who writes pushes the next update a full cadence away.
    const beforeReply = updatesTo(customer).length;
    await admin.post(`/api/tickets/${ticket.number}/replies`, { body: 'Seguimos en ello.' });
    await new Promise((resolve) => setTimeout(resolve, HOUR_MS * 0.6));
    expect(updatesTo(customer).length).toBe(beforeReply);

    expect((await admin.post(`/api/tickets/${ticket.number}/resolve`, { resolution: 'Quedó restablecido el timbrado.' })).status).toBe(200);
    await sink.waitFor((mail) => mail.envelopeTo.includes(customer) && Boolean(mail.parsed.subject?.endsWith('Tu ticket quedó resuelto')), 'the resolution');
    const atResolution = updatesTo(customer).length;
    await new Promise((resolve) => setTimeout(resolve, HOUR_MS * 2.5));
    expect(updatesTo(customer).length).toBe(atResolution);
  });

  it('should send status updates to a chat customer in the chat', async () => {
    const chat = await ChatTestClient.connect(base);
    await chat.start({ name: 'Rubén Castillo', email: customerAddress('chat-sla'), message: PARTIAL_OUTAGE });
    await chat.waitFor('ticket:confirmed');
    const update = await chat.waitFor('agent:message', (payload) => String(payload.text).includes('Seguimos trabajando en tu ticket'), 20_000);
    expect(update.text).toContain('severidad 1');
    chat.close();
  });

  it('should rebuild the timers from Postgres after Redis comes back empty, and fire each moment once', async () => {
    await worker.stop();
    const customer = customerAddress('vaciado-sla');
    await dovecot.append(buildMail({ from: customer, subject: 'Cancelaciones fallan', text: PARTIAL_OUTAGE }).raw);
    worker = await new AppProcess('worker', workerEnv()).start();
    const ticket = await ticketOf(customer);
    await env.flushRedis();
    await eventually(async () => ((await eventsOf(ticket.id)).some((event) => event.type === 'sla_solution_breached') ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the breach after the flush',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const types = (await eventsOf(ticket.id)).map((event) => event.type);
    for (const kind of ['sla_attention_at_risk', 'sla_attention_breached', 'sla_solution_at_risk', 'sla_solution_breached', 'escalated']) {
      expect(types.filter((type) => type === kind)).toHaveLength(1);
    }
  });

  // Before the maintenance cases: minutes inside a maintenance window are left out of the measure.
  it('should report availability against 99.3 % and the monthly SLA, in JSON and CSV', async () => {
    const availability = await eventually(async () => {
      const report = await admin.get<AvailabilityReport>(
        '/api/reports/availability?months=2',
      );
      return report.body.months[0]!.measuredMinutes > 0 ? report.body : undefined;
    });
    expect(availability.targetPercent).toBe(99.3);
    expect(availability.months[0]!.availabilityPercent).not.toBeNull();

    const sla = await admin.get<SlaReport>('/api/reports/sla');
    expect(sla.status).toBe(200);
    expect(sla.body.rows.find((row) => row.dimension === 'all')!.tickets).toBeGreaterThan(0);
    expect(sla.body.statusUpdates.owed).toBeGreaterThan(0);
    const csv = await admin.get<string>('/api/reports/sla?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('month,dimension,key,tickets,attention_decided,attended_in_time,attention_percent,solution_decided,solved_in_time,solution_percent');
    console.log(`SLA report produced by this run:\n${JSON.stringify(sla.body, null, 2)}\n${csv.body}\nAvailability:\n${JSON.stringify(availability, null, 2)}`);
    expect((await admin.get('/api/reports/sla?month=2026-13')).status).toBe(400);
  });
  describe('maintenance windows', () => {
    it('should refuse a window longer than 24 hours or announced less than 7 days ahead (scaled here)', async () => {
      const inHours = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString();
      const tooLong = await admin.post<{ message: string }>('/api/maintenance', { startsAt: inHours(10), endsAt: inHours(35), description: 'Larga' });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.message).toBe('Un mantenimiento dura como máximo 24 horas.');
      const tooSoon = await admin.post<{ message: string }>('/api/maintenance', { startsAt: inHours(1), endsAt: inHours(2), description: 'Pronto' });
      expect(tooSoon.status).toBe(400);
      expect(tooSoon.body.message).toMatch(/^Un mantenimiento se anuncia con al menos [\d.]+ días de anticipación\.$/);
    });

    it('should announce, remind, pause the clocks, show a chat banner, mention it in confirmations and warn of a second one', async () => {
      const recent = customerAddress('aviso');
      await dovecot.append(buildMail({ from: recent, subject: 'Duda', text: '¿Cómo agrego una serie?' }).raw);
      await ticketOf(recent);
      // A caller who left no address hears of it by SMS.
      const caller = '+528112349876';
      await seedTicket(env, { email: null, phone: caller, subject: 'Llamada telefónica', severity: 2, channel: 'phone' });

      const startsAt = new Date(Date.now() + 3 * HOUR_MS);
      const endsAt = new Date(startsAt.getTime() + 4 * HOUR_MS);
      const scheduled = await admin.post<{ warnings: string[]; noticesQueued: number; window: { id: string } }>('/api/maintenance', {
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        description: 'Actualización del motor de timbrado.',
      });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body.noticesQueued).toBeGreaterThan(0);
      await sink.waitFor((mail) => mail.envelopeTo.includes(recent) && mail.parsed.subject === 'Interfactura: Mantenimiento programado del portal gratuito', 'the announcement');
      const sms = await twilioApi.waitForMessage((message) => message.form.To === caller, 'the announcement by SMS');
      expect(sms.form.Body).toMatch(/^Soporte Interfactura: Te avisamos que el portal gratuito de Interfactura tendrá un mantenimiento programado (el|del) .+ Qué haremos: Actualización del motor de timbrado\.$/);
      await sink.waitFor(
        (mail) => mail.envelopeTo.includes(recent) && mail.parsed.subject === 'Interfactura: Recordatorio: mantenimiento programado del portal gratuito',
        'the reminder',
        20_000,
      );

      const second = await admin.post<{ warnings: string[] }>('/api/maintenance', {
        startsAt: new Date(endsAt.getTime() + 10 * HOUR_MS).toISOString(),
        endsAt: new Date(endsAt.getTime() + 11 * HOUR_MS).toISOString(),
        description: 'Otra',
      });
      expect(second.status).toBe(201);
      expect(second.body.warnings.join(' ')).toContain('se espera uno por trimestre');

      // During the window: the banner, the mention in confirmations, and clocks that wait for its end.
      await eventually(() => (Date.now() > startsAt.getTime() + 100 ? true : undefined), { timeoutMs: 20_000 });
      const chat = await ChatTestClient.connect(base);
      expect(chat.statuses.at(-1)?.banner).toMatchObject({ kind: 'maintenance' });
      expect(chat.statuses.at(-1)?.banner?.text).toContain('Estamos en mantenimiento programado');
      chat.close();
      // The phone menu says it before the options, as the chat's banner does.
      const greeting = await new SimulatedCall(new TwilioWebhookClient(base, TWILIO.publicBaseUrl, TWILIO.accountSid, TWILIO.authToken), '+528112340099').dial();
      expect(greeting.text).toContain('Estamos en un mantenimiento programado hasta el');
      expect(greeting.children.map((child) => child.name)).toContain('Gather');

      const during = customerAddress('durante');
      await dovecot.append(buildMail({ from: during, subject: 'Pregunta', text: '¿Dónde veo mis timbres?' }).raw);
      const confirmation = await sink.waitFor((mail) => mail.envelopeTo.includes(during), 'the confirmation during maintenance');
      expect(confirmation.parsed.text).toContain('Estamos en un mantenimiento programado hasta el');
      const ticket = await ticketOf(during);
      const [row] = await env.query<{ attention_due_at: Date }>(`SELECT attention_due_at FROM tickets WHERE id = $1`, [ticket.id]);
      expect(row!.attention_due_at.getTime()).toBeGreaterThanOrEqual(endsAt.getTime() + 2 * HOUR_MS - 50);
    });

    it('should tell of a cancellation only the customers who were told of the window', async () => {
      const told = customerAddress('avisado');
      await dovecot.append(buildMail({ from: told, subject: 'Consulta', text: '¿Cómo cancelo una factura?' }).raw);
      await ticketOf(told);
      const startsAt = new Date(Date.now() + 10 * HOUR_MS);
      const scheduled = await admin.post<{ window: { id: string } }>('/api/maintenance', {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR_MS).toISOString(),
        description: 'Cambio de servidores.',
      });
      expect(scheduled.status).toBe(201);
      const announced = (mail: SunkMail) => mail.parsed.subject === 'Interfactura: Mantenimiento programado del portal gratuito' && mail.parsed.text!.includes('Cambio de servidores');
      await sink.waitFor((mail) => mail.envelopeTo.includes(told) && announced(mail), 'the announcement');

      // A customer who writes after the announcement never heard of the window.
      const later = customerAddress('despues');
      await dovecot.append(buildMail({ from: later, subject: 'Otra consulta', text: '¿Dónde descargo mis XML?' }).raw);
      await ticketOf(later);
      const cancelled = await fetch(`${base}/api/maintenance/${scheduled.body.window.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.accessToken}` } });
      expect(cancelled.status).toBe(200);
      const cancellation = (mail: SunkMail) => mail.parsed.subject === 'Interfactura: Cancelado: mantenimiento programado del portal gratuito';
      await sink.waitFor((mail) => mail.envelopeTo.includes(told) && cancellation(mail), 'the cancellation');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sink.to(later).filter(cancellation)).toEqual([]);
      expect(sink.to(later).filter(announced)).toEqual([]);
    });
  });


});
