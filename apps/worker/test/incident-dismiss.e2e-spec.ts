import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiClient } from '../../../test/support/api-client.js';
import { CustomerStack } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';

interface IncidentJson {
  id: string;
  status: string;
  ticketCount: number;
  tickets: string[];
  dismissedAt: string | null;
  dismissedBy: string | null;
  dismissReason: string | null;
}

interface TicketJson {
  severity: number;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

/** Reports that read alike (stamping, error 500) and that detection groups; the agent knows better. */
const ALIKE = [
  'Buenas tardes, no puedo timbrar ninguna factura, sale error 500 en todas.',
  'Hola, urgente: el timbrado no funciona, marca error 500 al timbrar cualquier factura.',
  'Buen día, ninguna factura se deja timbrar, aparece error 500 y no se genera el folio fiscal.',
];
/** More of the same words after the dismissal: one alone, then a group of new reports among themselves. */
const LATER = [
  'Oigan, al timbrar marca error 500, ya probamos en varias computadoras y sigue el error 500.',
  'Disculpen, no podemos timbrar nada, tenemos clientes esperando su factura, error 500.',
  'Hola soporte, las facturas no se timbran, error 500 al timbrar desde hace media hora.',
];
const REASON = 'Son clientes con su certificado vencido, cada uno por su lado';

/** Issue 14: a suspected incident that is not one is dismissed in one action (real gateway, worker, mail). */
describe('dismissing a suspected incident that is not one', () => {
  let stack: CustomerStack;
  let l1: ApiClient;
  let l3: ApiClient;
  let dismissed: IncidentJson;
  const reporters: Array<{ address: string; ticketNumber: string }> = [];
  const later: string[] = [];

  const listed = async (query = '') => (await stack.api.get<{ items: IncidentJson[] }>(`/api/incidents${query}`)).body.items;
  const ticket = async (number: string) => (await stack.api.get<TicketJson>(`/api/tickets/${number}`)).body;
  const mailReport = async (name: string, text: string) => {
    const address = customerAddress(name);
    return { address, ticketNumber: (await stack.mail({ from: address, subject: 'Problema con facturas', text })).ticketNumber };
  };

  beforeAll(async () => {
    stack = await CustomerStack.start('incident-dismiss');
    l1 = await stack.api.createAgent({ name: 'Lucía Help Desk', email: 'lucia@interfactura.com', tier: 'L1' });
    l3 = await stack.api.createAgent({ name: 'Diego Desarrollo', email: 'diego@interfactura.com', tier: 'L3' });
    for (const [index, text] of ALIKE.entries()) reporters.push(await mailReport(`parecido${index}`, text));
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('should take a suspected incident out of the list, the strip and the status when an L1 agent dismisses it, and say so on each ticket', async () => {
    const suspected = await eventually(async () => (await listed()).find((item) => item.status === 'suspected' && item.ticketCount === ALIKE.length), {
      what: 'a suspected incident of the three reports',
      timeoutMs: 30_000,
    });
    // Only who may confirm it may dismiss it.
    expect((await l3.post(`/api/incidents/${suspected.id}/dismiss`)).status).toBe(403);
    expect((await l1.post(`/api/incidents/${suspected.id}/dismiss`, { reason: 'x'.repeat(501) })).status).toBe(400);

    const answer = await l1.post<IncidentJson>(`/api/incidents/${suspected.id}/dismiss`, { reason: REASON });
    expect(answer.status).toBe(200);
    // The public status values stay the contract's three: it was suspected and never confirmed.
    expect(answer.body).toMatchObject({ status: 'suspected', dismissedBy: 'Lucía Help Desk', dismissReason: REASON, ticketCount: ALIKE.length });
    expect(answer.body.dismissedAt).not.toBeNull();
    dismissed = answer.body;

    // Gone from the default list (the inbox's strip and tab count read it), kept under "descartados".
    expect((await listed()).map((item) => item.id)).not.toContain(suspected.id);
    expect((await listed('?dismissed=true')).map((item) => item.id)).toEqual([suspected.id]);
    expect((await stack.api.get('/api/incidents?dismissed=tal-vez')).status).toBe(400);
    expect((await stack.api.get<{ incidents: unknown[] }>('/status')).body.incidents).toEqual([]);

    for (const reporter of reporters) {
      const event = (await ticket(reporter.ticketNumber)).events.find((item) => item.type === 'incident_dismissed');
      expect(event?.data).toMatchObject({ incidentId: suspected.id, by: 'Lucía Help Desk', reason: REASON });
    }

    // A dismissed incident is history: it is not dismissed twice, confirmed, edited, relinked or spoken for.
    const refused = await l1.post<{ code?: string }>(`/api/incidents/${suspected.id}/dismiss`, {});
    expect([refused.status, refused.body.code]).toEqual([409, 'incident_dismissed']);
    expect((await l1.post(`/api/incidents/${suspected.id}/confirm`, {})).status).toBe(409);
    expect((await l1.patch(`/api/incidents/${suspected.id}`, { title: 'Otra cosa' })).status).toBe(409);
    expect((await l1.post(`/api/incidents/${suspected.id}/tickets`, { remove: [reporters[0]!.ticketNumber] })).status).toBe(409);
    expect((await l1.post(`/api/incidents/${suspected.id}/updates`, { body: 'Hola' })).status).toBe(409);
  });

  it('should not form the same false incident again from its tickets, while new reports still form one among themselves', async () => {
    // One more report like them: with its tickets free again it would make four and re-open the false alarm at once.
    for (const [index, text] of LATER.entries()) later.push((await mailReport(`despues${index}`, text)).ticketNumber);
    const fresh = await eventually(async () => (await listed()).find((item) => item.status === 'suspected'), { what: 'a suspected incident of the new reports', timeoutMs: 30_000 });
    const detail = (await stack.api.get<IncidentJson>(`/api/incidents/${fresh.id}`)).body;
    // All three new ones, so the first, alone, opened nothing; none of the dismissed incident's tickets.
    expect(detail.tickets.sort()).toEqual([...later].sort());
    expect((await stack.api.get<IncidentJson>(`/api/incidents/${dismissed.id}`)).body.tickets.sort()).toEqual(reporters.map((reporter) => reporter.ticketNumber).sort());
    expect(await listed()).toHaveLength(1);
  });

  it('should refuse to dismiss a confirmed incident, let an agent link a dismissed ticket to it by hand, and leave the dismissed one out of the month report', async () => {
    const [fresh] = await listed();
    expect((await l1.post(`/api/incidents/${fresh!.id}/confirm`, {})).status).toBe(200);
    const refused = await l1.post<{ code?: string }>(`/api/incidents/${fresh!.id}/dismiss`, { reason: 'tarde' });
    expect([refused.status, refused.body.code]).toEqual([409, 'incident_not_suspected']);

    // A ticket of a dismissed incident is in no incident that counts: it moves to the real one.
    const moved = await l1.post<IncidentJson>(`/api/incidents/${fresh!.id}/tickets`, { add: [reporters[0]!.ticketNumber] });
    expect(moved.status).toBe(200);
    expect(moved.body.tickets).toContain(reporters[0]!.ticketNumber);
    expect((await stack.api.get<IncidentJson>(`/api/incidents/${dismissed.id}`)).body.ticketCount).toBe(ALIKE.length - 1);

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const report = (await stack.api.get<{ incidents: Array<{ id: string }> }>(`/api/reports/incidents?month=${month}`)).body;
    expect(report.incidents.map((incident) => incident.id)).toEqual([fresh!.id]);

    // Customers heard nothing of the dismissed incident: each got their ticket's confirmation and no more.
    for (const reporter of reporters.slice(1)) expect(stack.sink.to(reporter.address)).toHaveLength(1);
  });
});
