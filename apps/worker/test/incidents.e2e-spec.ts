import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CustomerStack, mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';

interface IncidentJson {
  id: string;
  title: string;
  status: string;
  severity: number;
  ticketCount: number;
  tickets: string[];
  linked: Array<{ number: string; reason: string; linkedBy: string | null }>;
  updates: Array<{ kind: string; recipients: number; sent: number; failed: number }>;
  customersByChannel: Record<string, number>;
}

/** One failure, in the words different customers use, over the three channels. */
const SAME_FAILURE = {
  mails: [
    { subject: 'No puedo timbrar', text: 'Desde hace rato no puedo timbrar ninguna factura, el portal marca error 500 al timbrar. Nadie en la oficina puede facturar.' },
    { subject: 'Urgente: timbrado caído', text: 'El timbrado no funciona, todas las facturas regresan error 500. Tenemos clientes esperando su factura.' },
    { subject: 'error al timbrar facturas', text: 'Buenas tardes, al intentar timbrar cualquier factura aparece error 500 y no se genera el folio fiscal.' },
    { subject: 'No timbra el portal', text: 'Ninguna de nuestras facturas se puede timbrar, sale error 500 en el portal desde las 10.' },
  ],
  chats: [
    'hola, no puedo timbrar mis facturas, me sale error 500 cada vez que intento timbrar',
    'El portal no deja timbrar ninguna factura, error 500, ya lo intentamos en varias computadoras',
    'no timbra!! error 500 al timbrar la factura, es urgente',
  ],
  calls: ['no podemos timbrar ninguna factura en el portal, marca error 500 al timbrar', 'le llamo porque el timbrado de facturas no funciona, sale error quinientos al timbrar'],
};
const UNRELATED = [
  { subject: 'Cambio de régimen fiscal', text: '¿Cómo actualizo mi régimen fiscal en mis datos de emisor? Gracias.' },
  { subject: 'Duda sobre complemento de pago', text: 'Quisiera saber si el complemento de pagos lleva la fecha del depósito o la de la factura.' },
  { subject: 'Logotipo en el PDF', text: 'Me pueden decir cómo agrego mi logotipo al PDF de la factura?' },
];

describe('outage mode: many reports of one failure become one incident with one voice (all channels, real processes)', () => {
  let stack: CustomerStack;
  const reporters: Array<{ channel: 'email' | 'chat' | 'phone'; ticketNumber: string; address: string; chat?: Awaited<ReturnType<CustomerStack['chat']>> }> = [];
  const unrelated: string[] = [];

  const incidents = async () => (await stack.api.get<{ items: IncidentJson[] }>('/api/incidents')).body.items;
  const incident = async (id: string) => (await stack.api.get<IncidentJson>(`/api/incidents/${id}`)).body;

  beforeAll(async () => {
    stack = await CustomerStack.start('incidents');
    for (const [index, mail] of UNRELATED.entries()) unrelated.push((await stack.mail({ from: customerAddress(`otro${index}`), ...mail })).ticketNumber);
    for (const [index, mail] of SAME_FAILURE.mails.entries()) {
      const from = customerAddress(`timbra${index}`);
      reporters.push({ channel: 'email', address: from, ticketNumber: (await stack.mail({ from, ...mail })).ticketNumber });
    }
    for (const [index, message] of SAME_FAILURE.chats.entries()) {
      const chat = await stack.chat({ name: `Cliente ${index}`, email: customerAddress(`chat${index}`), message });
      reporters.push({ channel: 'chat', address: chat.conversationId, ticketNumber: chat.ticketNumber, chat });
    }
    for (const message of SAME_FAILURE.calls) {
      const from = mobileNumber();
      reporters.push({ channel: 'phone', address: from, ticketNumber: (await stack.call(from, message, '0')).ticketNumber });
    }
  }, 240_000);

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
    expect(detail.tickets.filter((number) => unrelated.includes(number))).toEqual([]);
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

    const confirmed = await l1.post<IncidentJson>(`/api/incidents/${suspected!.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('open');
    // What detection missed is linked by hand (short numbers work); a wrong link is undone.
    const missing = reporters.map((reporter) => reporter.ticketNumber).filter((number) => !confirmed.body.tickets.includes(number));
    const linked = await l1.post<IncidentJson>(`/api/incidents/${suspected!.id}/tickets`, { add: [...missing, unrelated[0]!.replace(/^IF-0*/, '')] });
    expect(linked.status).toBe(200);
    expect(linked.body.tickets).toContain(unrelated[0]);
    const unlinked = await l1.post<IncidentJson>(`/api/incidents/${suspected!.id}/tickets`, { remove: [unrelated[0]] });
    expect(unlinked.body.tickets.sort()).toEqual(reporters.map((reporter) => reporter.ticketNumber).sort());
    expect((await l1.post(`/api/incidents/${suspected!.id}/tickets`, {})).status).toBe(400);
    expect((await l1.patch(`/api/incidents/${suspected!.id}`, { title: 'Falla en el timbrado de facturas' })).status).toBe(200);
    expect((await l1.post(`/api/incidents/${suspected!.id}/tickets`, { add: ['IF-999999'] })).status).toBe(400);

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

  it('should resolve every linked ticket and tell each customer once when the incident is resolved', async () => {
    const [open] = await incidents();
    const resolved = await stack.api.post<{ kind: string; recipients: number }>(`/api/incidents/${open!.id}/resolve`, { body: 'El timbrado quedó restablecido; puedes volver a timbrar tus facturas.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ kind: 'resolution', recipients: reporters.length });
    for (const reporter of reporters) {
      const ticket = (await stack.api.get<{ status: string }>(`/api/tickets/${reporter.ticketNumber}`)).body;
      expect(ticket.status).toBe('resolved');
    }
    for (const reporter of reporters.filter((item) => item.channel === 'email')) {
      await eventually(async () => stack.sink.to(reporter.address).filter((mail) => mail.parsed.subject?.includes('Falla resuelta')).length === 1, { what: `the resolution mailed to ${reporter.address}` });
    }
    for (const number of unrelated) expect((await stack.api.get<{ status: string }>(`/api/tickets/${number}`)).body.status).not.toBe('resolved');
    expect((await stack.api.get<{ incidents: unknown[] }>('/status')).body.incidents).toEqual([]);
    expect((await stack.api.post(`/api/incidents/${open!.id}/updates`, { body: 'otra' })).status).toBe(409);
  });
});
