import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { CustomerStack, mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { SimulatedCall } from '../../../test/support/simulated-call.js';
import type { AvailabilityReport, IncidentDetail, IncidentSummary, TicketDetailJson } from '@app/tickets';


/**
 * One failure (stamping down, error 500), as forty customers put it: different openings, complaints
 * and details, combined so no two reports read the same.
 */
const OPENINGS = ['Buenas tardes.', 'Hola, urgente:', 'Buen día,', 'Oigan,', 'Hola soporte!!', 'Una pregunta urgente:', 'Buenas,', 'Disculpen,'];
const COMPLAINTS = [
  'no puedo timbrar ninguna factura',
  'el timbrado no funciona',
  'ninguna factura se deja timbrar',
  'al timbrar marca error 500',
  'no timbra el portal',
  'las facturas no se timbran',
  'el portal no deja timbrar',
  'no podemos timbrar nada',
];
const DETAILS = [
  'sale error 500 en todas',
  'desde hace media hora nadie en la oficina puede facturar',
  'aparece error 500 y no se genera el folio fiscal',
  'ya probamos en varias computadoras y sigue el error 500',
  'tenemos clientes esperando su factura, no timbra',
  'marca error 500 al timbrar cualquier factura',
  'es urgente, todo el equipo está detenido sin poder timbrar',
];
const report = (index: number): string => `${OPENINGS[index % OPENINGS.length]} ${COMPLAINTS[(index * 3) % COMPLAINTS.length]}, ${DETAILS[(index * 5) % DETAILS.length]}.`;

/** Twenty ordinary contacts arriving meanwhile, about anything but that failure. */
const UNRELATED = [
  ['Cambio de régimen fiscal', '¿Cómo actualizo mi régimen fiscal en mis datos de emisor?'],
  ['Complemento de pago', '¿El complemento de pagos lleva la fecha del depósito o la de la factura?'],
  ['Logotipo', '¿Cómo agrego mi logotipo al PDF?'],
  ['Olvidé mi contraseña', 'No recuerdo mi contraseña y el correo de recuperación no me llega.'],
  ['Alta de cliente', '¿Dónde doy de alta un cliente nuevo con su código postal?'],
  ['Carta porte', '¿El portal permite hacer carta porte para traslados?'],
  ['Nómina', 'Quiero saber si puedo emitir recibos de nómina para dos empleados.'],
  ['Descargar XML', '¿Dónde descargo el XML de una factura de marzo?'],
  ['Uso de CFDI', '¿Qué uso de CFDI le pongo a un cliente que compra papelería?'],
  ['Serie y folio', '¿Puedo cambiar la serie de mis facturas a partir de hoy?'],
  ['Reporte mensual', '¿Hay un reporte de todo lo facturado en el mes?'],
  ['Moneda extranjera', '¿Cómo facturo en dólares con tipo de cambio?'],
  ['Datos del receptor', 'Mi cliente cambió de razón social, ¿qué hago con sus datos?'],
  ['Sello digital', '¿Dónde subo mi certificado de sello digital nuevo?'],
  ['Factura global', '¿Cómo hago la factura global de ventas al público?'],
  ['Catálogo de productos', '¿Puedo importar mi catálogo de productos desde Excel?'],
  ['Correo del cliente', '¿Se puede enviar la factura a dos correos del cliente?'],
  ['Retenciones', '¿Cómo agrego retención de IVA para un servicio profesional?'],
  ['Usuarios', '¿Puedo dar acceso a mi contador con otro usuario?'],
  ['Horario', '¿Tienen atención telefónica en fin de semana?'],
] as const;

/**
 * Callers about anything but the failure, who press the same key: the cards Ventanilla writes for
 * their calls read alike ("Menú: eligió…", "Grabación (42 s)", "duración 75 s"), their words do not.
 */
const UNRELATED_CALLS = [
  'Quiero que me devuelvan la llamada para dar de alta a un empleado nuevo.',
  'Tengo una pregunta sobre cómo cambiar el domicilio de mi cuenta.',
  'Necesito hablar con un asesor sobre el contrato de mi empresa.',
];

const MAILS = 16;
const CHATS = 14;
const CALLS = 10;

describe('outage mode: many reports of one failure become one incident with one voice (all channels, real processes)', () => {
  let stack: CustomerStack;
  const reporters: Array<{ channel: 'email' | 'chat' | 'phone'; ticketNumber: string; address: string; chat?: Awaited<ReturnType<CustomerStack['chat']>> }> = [];
  const unrelated: string[] = [];
  const unrelatedCalls: string[] = [];

  const incidents = async () => (await stack.api.get<{ items: IncidentSummary[] }>('/api/incidents')).body.items;
  const incident = async (id: string) => (await stack.api.get<IncidentDetail>(`/api/incidents/${id}`)).body;

  beforeAll(async () => {
    // Availability counts from the first health sample: sample every second so the incident's minutes are measured.
    stack = await CustomerStack.start('incidents', { HEALTH_SAMPLE_INTERVAL_MS: '1000' });
    // Interleaved as they would arrive: a few ordinary contacts between every few reports.
    let next = 0;
    const ordinary = async () => {
      const [subject, text] = UNRELATED[unrelated.length]!;
      unrelated.push((await stack.mail({ from: customerAddress(`otro${unrelated.length}`), subject, text })).ticketNumber);
    };
    for (let index = 0; index < MAILS; index += 1, next += 1) {
      const from = customerAddress(`timbra${index}`);
      reporters.push({ channel: 'email', address: from, ticketNumber: (await stack.mail({ from, subject: index % 2 ? 'Urgente' : 'Problema con facturas', text: report(next) })).ticketNumber });
      if (index % 2 === 1) await ordinary();
    }
    for (let index = 0; index < CHATS; index += 1, next += 1) {
      const chat = await stack.chat({ name: `Cliente ${index}`, email: customerAddress(`chat${index}`), message: report(next) });
      reporters.push({ channel: 'chat', address: chat.conversationId, ticketNumber: chat.ticketNumber, chat });
      if (index % 2 === 1 && unrelated.length < UNRELATED.length) await ordinary();
    }
    // Before the failure's callers: detection runs one batch at a time, in order, so theirs has run
    // by the time the incident holds the calls that come after.
    for (const words of UNRELATED_CALLS) unrelatedCalls.push((await stack.call(mobileNumber(), words, '1')).ticketNumber);
    for (let index = 0; index < CALLS; index += 1, next += 1) {
      const from = mobileNumber();
      reporters.push({ channel: 'phone', address: from, ticketNumber: (await stack.call(from, report(next), '0')).ticketNumber });
    }
    while (unrelated.length < UNRELATED.length) await ordinary();
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('should link the reports of one failure under one suspected incident, with the reason of each link, and none of the unrelated tickets', async () => {
    const suspected = await eventually(
      async () => {
        const [found] = (await incidents()).filter((item) => item.status === 'suspected');
        return found && found.ticketCount >= Math.ceil(reporters.length * 0.9) ? found : undefined;
      },
      { what: 'a suspected incident holding 90 % of the reports', timeoutMs: 30_000 },
    );
    const detail = await incident(suspected.id);
    expect(detail.tickets.filter((number) => unrelated.includes(number) || unrelatedCalls.includes(number))).toEqual([]);
    expect((await incidents()).length).toBe(1);
    expect(detail.title).toContain('timbrado');
    for (const link of detail.linked) {
      expect(link.linkedBy).toBeNull();
      expect(link.reason).toMatch(/se parece a \d+ reporte/);
    }
    expect((await stack.api.get<{ incidents: unknown[] }>('/status')).body.incidents).toEqual([]);
  });

  it('should let an agent confirm it, link what detection missed, and send one update that each customer receives once on their channel', async () => {
    const [suspected] = await incidents();
    const l1 = await stack.api.createAgent({ name: 'Lucía Help Desk', email: 'lucia@interfactura.com', tier: 'L1' });
    const l3 = await stack.api.createAgent({ name: 'Diego Desarrollo', email: 'diego@interfactura.com', tier: 'L3' });
    expect((await l3.post(`/api/incidents/${suspected!.id}/confirm`, {})).status).toBe(403);

    const confirmed = await l1.post<IncidentDetail>(`/api/incidents/${suspected!.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('open');
    // What detection missed is linked by hand (short numbers work); a wrong link is undone.
    const missing = reporters.map((reporter) => reporter.ticketNumber).filter((number) => !confirmed.body.tickets.includes(number));
    const linked = await l1.post<IncidentDetail>(`/api/incidents/${suspected!.id}/tickets`, { add: [...missing, unrelated[0]!.replace(/^IF-0*/, '')] });
    expect(linked.status).toBe(200);
    expect(linked.body.tickets).toContain(unrelated[0]);
    const unlinked = await l1.post<IncidentDetail>(`/api/incidents/${suspected!.id}/tickets`, { remove: [unrelated[0]] });
    expect(unlinked.body.tickets.sort()).toEqual(reporters.map((reporter) => reporter.ticketNumber).sort());
    expect((await l1.post(`/api/incidents/${suspected!.id}/tickets`, {})).status).toBe(400);
    expect((await l1.patch(`/api/incidents/${suspected!.id}`, { title: 'Falla en el timbrado de facturas' })).status).toBe(200);
    expect((await l1.post(`/api/incidents/${suspected!.id}/tickets`, { add: ['IF-999999'] })).status).toBe(400);

    // Before anyone types or chooses: the widget's banner and the phone menu name the known failure.
    const newcomer = await ChatTestClient.connect(stack.base);
    const widgetStatus = await newcomer.waitFor('chat:status', (payload) => (payload.banner as { kind?: string } | null)?.kind === 'incident');
    expect((widgetStatus.banner as { text: string }).text).toContain('Sabemos de una falla en curso: Falla en el timbrado de facturas.');
    newcomer.close();
    const greeting = await new SimulatedCall(stack.webhooks, mobileNumber()).dial();
    expect(greeting.text).toContain('Sabemos de una falla en curso: Falla en el timbrado de facturas.');
    expect(greeting.children.map((child) => child.name)).toContain('Gather');

    const posted = await l1.post<{ recipients: number }>(`/api/incidents/${suspected!.id}/updates`, { body: 'Nuestro proveedor de timbrado tiene una falla; estimamos restablecerlo en 30 minutos.' });
    expect(posted.status).toBe(201);
    expect(posted.body.recipients).toBe(reporters.length);

    for (const reporter of reporters.filter((item) => item.channel === 'email')) {
      await eventually(async () => stack.sink.to(reporter.address).filter((mail) => mail.parsed.subject?.includes('Actualización: Falla en el timbrado')).length === 1, {
        what: `the update mailed to ${reporter.address}`,
      });
    }
    for (const reporter of reporters.filter((item) => item.channel === 'chat')) {
      await reporter.chat!.client.waitFor('agent:message', (payload) => String(payload.text).includes('proveedor de timbrado'));
    }
    for (const reporter of reporters.filter((item) => item.channel === 'phone')) {
      await eventually(async () => stack.twilioApi.sentMessages().filter((sms) => sms.form.To === reporter.address && String(sms.form.Body).includes('actualización')).length === 1, {
        what: `the update texted to ${reporter.address}`,
      });
    }
    const status = (await stack.api.get<{ incidents: Array<{ title: string; lastUpdate: { text: string } | null }> }>('/status')).body;
    expect(status.incidents).toEqual([expect.objectContaining({ title: 'Falla en el timbrado de facturas', lastUpdate: expect.objectContaining({ text: expect.stringContaining('30 minutos') }) })]);
    const timeline = await eventually(async () => {
      const detail = await incident(suspected!.id);
      return detail.updates[0]?.sent === reporters.length ? detail : undefined;
    }, { what: 'every delivery of the update sent' });
    expect(timeline.updates[0]).toMatchObject({ kind: 'update', recipients: reporters.length, failed: 0 });
    // Nothing went twice: one mail per address, one chat message per conversation, one SMS per caller.
    for (const reporter of reporters.filter((item) => item.channel === 'chat')) {
      expect(reporter.chat!.client.events('agent:message').filter((payload) => String(payload.text).includes('proveedor de timbrado'))).toHaveLength(1);
    }
  });

  it('should link a new report of the open incident at intake and say in its confirmation that the failure is known', async () => {
    const [open] = await incidents();
    // Intake matches against a snapshot of open incidents at most 3 s old (docs/incidents.md): let the one taken before the confirmation expire.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const from = customerAddress('tarde');
    const late = await stack.mail({ from, subject: 'No puedo facturar', text: 'Buenas noches, sigo sin poder timbrar, me marca error 500 al timbrar la factura.' });
    const confirmation = await stack.sink.waitFor((mail) => mail.envelopeTo.includes(from) && Boolean(mail.parsed.subject?.includes(late.ticketNumber)), `the confirmation to ${from}`);
    expect(confirmation.parsed.text).toContain('Ya sabemos de esta falla ("Falla en el timbrado de facturas") y la estamos atendiendo.');
    expect((await incident(open!.id)).tickets).toContain(late.ticketNumber);
    const ticket = (await stack.api.get<TicketDetailJson>(`/api/tickets/${late.ticketNumber}`)).body;
    expect(ticket.severity).toBe(open!.severity);
    expect(ticket.events.find((event) => event.type === 'incident_linked')?.data).toMatchObject({ atIntake: true });
    reporters.push({ channel: 'email', address: from, ticketNumber: late.ticketNumber });
  });

  it('should resolve every linked ticket and tell each customer once when the incident is resolved', async () => {
    const [open] = await incidents();
    const resolved = await stack.api.post<{ kind: string; recipients: number }>(`/api/incidents/${open!.id}/resolve`, { body: 'El timbrado quedó restablecido; puedes volver a timbrar tus facturas.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ kind: 'resolution', recipients: reporters.length });
    for (const reporter of reporters) {
      const ticket = (await stack.api.get<TicketDetailJson>(`/api/tickets/${reporter.ticketNumber}`)).body;
      expect(ticket.status).toBe('resolved');
    }
    for (const reporter of reporters.filter((item) => item.channel === 'email')) {
      await eventually(async () => stack.sink.to(reporter.address).filter((mail) => mail.parsed.subject?.includes('Falla resuelta')).length === 1, { what: `the resolution mailed to ${reporter.address}` });
      await eventually(async () => stack.sink.to(reporter.address).filter((mail) => mail.parsed.subject?.includes('¿Cómo te atendimos?')).length === 1, { what: `the satisfaction survey mailed to ${reporter.address}` });
    }
    for (const number of unrelated) expect((await stack.api.get<TicketDetailJson>(`/api/tickets/${number}`)).body.status).not.toBe('resolved');
    expect((await stack.api.get<{ incidents: unknown[] }>('/status')).body.incidents).toEqual([]);
    expect((await stack.api.post(`/api/incidents/${open!.id}/updates`, { body: 'otra' })).status).toBe(409);

    // The month's report: how long it lasted, whom it reached on which channel, how soon they heard.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const report = (await stack.api.get<{ incidents: Array<{ customers: Record<string, number>; firstUpdateMinutes: number | null; durationMinutes: number }> }>(`/api/reports/incidents?month=${month}`)).body;
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0]!.customers).toEqual({ email: MAILS + 1, chat: CHATS, phone: CALLS, total: reporters.length });
    expect(report.incidents[0]!.firstUpdateMinutes).not.toBeNull();
    expect((await stack.api.get(`/api/reports/incidents?month=noviembre`)).status).toBe(400);

    // Only an administrator says the incident was downtime; the availability report then counts it.
    const l1 = await stack.api.createAgent({ name: 'Raúl Help Desk', email: 'raul@interfactura.com', tier: 'L1' });
    expect((await l1.patch(`/api/incidents/${open!.id}`, { countsAsDowntime: true })).status).toBe(403);
    const before = (await stack.api.get<AvailabilityReport>('/api/reports/availability?months=1')).body.months[0]!;
    expect(before.downMinutesByComponent.incident).toBeUndefined();
    expect((await stack.api.patch(`/api/incidents/${open!.id}`, { countsAsDowntime: true })).status).toBe(200);
    const after = (await stack.api.get<AvailabilityReport>('/api/reports/availability?months=1')).body.months[0]!;
    expect(after.downMinutesByComponent.incident).toBeGreaterThanOrEqual(1);
  });
});
