import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, screenshotBothSizes, seriousAccessibilityViolations, signInToInbox, SCREENS, startWidgetChat, type Screen } from '../../../test/support/browser.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import { TwilioApiFake } from '../../../test/support/twilio-api-fake.js';

const SUITE = 'satisfaction-survey';
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'5eed'.repeat(8)}`, TWILIO_AUTH_TOKEN: 'survey-suite-auth-token-0123456789', TWILIO_PHONE_NUMBER: '+528147771119' };
const SURVEY_LINK = /https?:\/\/\S+\/encuesta\?id=[0-9a-f-]{36}&firma=[A-Za-z0-9_-]{43}/;
const L1 = { name: 'Carla Mesa', email: 'carla.encuestas@interfactura.com', tier: 'L1' as const };
const L2 = { name: 'Óscar Operaciones', email: 'oscar.encuestas@interfactura.com', tier: 'L2' as const };

interface TicketJson {
  messages: Array<{ text: string; channel: string }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

/** The satisfaction survey after resolution (issue 16): on mail, chat and SMS, answered once, in the reports. */
describe('satisfaction survey (Chromium, SMTP sink, fake Twilio REST API)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let twilioApi: TwilioApiFake;
  let gateway: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let base: string;
  let admin: ApiClient;
  let l1: ApiClient;
  let l2: ApiClient;
  const contexts: BrowserContext[] = [];

  const newPage = async (screen: Screen): Promise<Page> => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: SCREENS[screen] });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
  const resolve = async (agent: ApiClient, number: string) =>
    expect((await agent.post(`/api/tickets/${number}/resolve`, { resolution: 'Se corrigió el RFC del receptor y se volvió a timbrar.' })).status).toBe(200);
  /** A mail ticket of a new customer, resolved by `agent`; resolves with the survey link the customer got. */
  const resolvedMailTicket = async (agent: ApiClient, label: string, tier: 'L1' | 'L2' = 'L1'): Promise<{ number: string; link: string; address: string }> => {
    const address = customerAddress(label);
    const { id, number } = await seedTicket(env, { email: address, name: 'Lucía Garza', subject: 'No puedo timbrar', severity: 2 });
    await env.query(`UPDATE tickets SET tier = $2, status = 'open' WHERE id = $1`, [id, tier]);
    await resolve(agent, number);
    const mail = await sink.waitFor((sunk) => sunk.envelopeTo.includes(address) && Boolean(sunk.parsed.subject?.includes('¿Cómo te atendimos?')), `the survey to ${address}`);
    return { number, link: SURVEY_LINK.exec(mail.parsed.text ?? '')![0], address };
  };
  const rateByForm = (link: string, rating: number) => {
    const url = new URL(link);
    return fetch(`${base}/encuesta`, { method: 'POST', body: new URLSearchParams({ id: url.searchParams.get('id')!, firma: url.searchParams.get('firma')!, calificacion: String(rating) }) });
  };
  const ticket = async (number: string) => (await admin.get<TicketJson>(`/api/tickets/${number}`)).body;

  beforeAll(async () => {
    env = await TestEnvironment.create(SUITE);
    [sink, twilioApi] = await Promise.all([SmtpSink.start(), TwilioApiFake.start()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const shared = { ...TWILIO, PUBLIC_BASE_URL: base, SMTP_URL: sink.url, TWILIO_API_URL: twilioApi.url };
    [gateway, worker, browser] = await Promise.all([
      new AppProcess('gateway', env.processEnv({ ...shared, PORT: String(port) })).start(),
      new AppProcess('worker', env.processEnv(shared)).start(),
      launchBrowser(),
    ]);
    admin = await ApiClient.signIn(base, ADMIN);
    l1 = await admin.createAgent(L1);
    l2 = await admin.createAgent(L2);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all([gateway?.stop(), worker?.stop()]);
    await Promise.all([sink?.close(), twilioApi?.close()]);
    await env?.close();
  });

  for (const screen of ['desktop', 'phone'] as const) {
    it(`should mail a link to a page where one click rates the ticket, then take an optional comment once (${SCREENS[screen].width} px)`, async () => {
      const { number, link } = await resolvedMailTicket(l1, `encuesta-correo-${screen}`);
      // The copy agents see on the ticket has no working link: nobody rates their own work.
      const stored = (await ticket(number)).messages.find((message) => message.text.includes('¿Cómo te atendimos'))!;
      expect(stored.text).toContain('[enlace de la encuesta: solo va en el mensaje enviado]');
      expect(stored.text).not.toMatch(SURVEY_LINK);

      const page = await newPage(screen);
      await page.goto(link);
      await page.getByRole('heading', { name: '¿Cómo te atendimos?' }).waitFor();
      expect(await page.getByRole('group', { name: 'Calificación' }).getByRole('button').allTextContents()).toEqual([
        '1 · Muy mala',
        '2 · Mala',
        '3 · Regular',
        '4 · Buena',
        '5 · Excelente',
      ]);
      expect((await seriousAccessibilityViolations(page)).map((violation) => violation.id)).toEqual([]);
      await screenshot(page, SUITE, `page-rating-${SCREENS[screen].width}`);
      await page.getByRole('button', { name: '5 · Excelente' }).click();
      await page.getByRole('heading', { name: '¡Gracias por tu respuesta!' }).waitFor();
      await page.getByText(`Registramos tu calificación del ticket ${number}: 5 de 5 (Excelente).`).waitFor();
      await page.getByLabel('¿Algo que quieras contarnos? (opcional)').fill('Muy rápidos, gracias.');
      await page.getByRole('button', { name: 'Enviar comentario' }).click();
      await page.getByText('También recibimos tu comentario.').waitFor();
      expect((await seriousAccessibilityViolations(page)).map((violation) => violation.id)).toEqual([]);
      await screenshot(page, SUITE, `page-thanks-${SCREENS[screen].width}`);

      // One answer per ticket: a second rating does not count, and the page says so.
      const again = await rateByForm(link, 1);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('Ya habíamos registrado tu calificación de este ticket; solo cuenta la primera.');
      const events = (await ticket(number)).events;
      expect(events.filter((event) => event.type === 'survey_answered').map((event) => event.data.rating)).toEqual([5]);
      expect(events.find((event) => event.type === 'survey_commented')!.data.comment).toBe('Muy rápidos, gracias.');
    });
  }

  it('should ask in the chat with buttons while the customer is there, and take the answer in one click (375 px)', async () => {
    const customer = await newPage('phone');
    const number = await startWidgetChat(customer, base, { email: customerAddress('encuesta-chat'), message: '¿Cómo cancelo una factura?' });

    await resolve(l1, number);
    const card = customer.locator(`.vt-survey[data-ticket="${number}"]`);
    await card.getByText(`¿Cómo te atendimos en el ticket ${number}?`).waitFor({ timeout: 20_000 });
    expect((await seriousAccessibilityViolations(customer)).map((violation) => violation.id)).toEqual([]);
    await screenshot(customer, SUITE, 'widget-survey-375');
    // Chosen from the keyboard: the buttons go, and focus moves on to the comment (not to the page's top).
    await card.getByRole('button', { name: '4 · Buena' }).focus();
    await customer.keyboard.press('Enter');
    await card.getByText('¡Gracias! Registramos tu calificación: 4 de 5.').waitFor();
    expect(await customer.evaluate<string>(`document.getElementById('ventanilla-chat').shadowRoot.activeElement?.id ?? ''`)).toBe(`vt-survey-comment-${number}`);
    await card.getByLabel('¿Algo que quieras contarnos? (opcional)').fill('Todo claro.');
    await card.getByRole('button', { name: 'Enviar comentario' }).click();
    await card.getByText('Recibimos tu comentario. ¡Gracias!').waitFor();
    await screenshot(customer, SUITE, 'widget-survey-answered-375');
    // Drawn again after a reload, the card shows the answer given, not the buttons.
    await customer.reload();
    await customer.getByRole('button', { name: 'Abrir el chat con Soporte Interfactura' }).click();
    await card.getByText('¡Gracias! Registramos tu calificación: 4 de 5.').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    await eventually(async () => (await ticket(number)).events.some((event) => event.type === 'survey_answered' && event.data.rating === 4), {
      what: 'the chat rating on the ticket',
    });
  });

  it('should text a phone customer the link, send one survey per ticket however often it is resolved, and refuse a forged link in Spanish', async () => {
    const phone = `+5281${String(Date.now()).slice(-8)}`;
    const seeded = await seedTicket(env, { email: customerAddress('encuesta-sms'), subject: 'Llamada: error de timbrado', severity: 1, channel: 'phone' });
    await env.query(`UPDATE contacts SET phone = $1 WHERE id = (SELECT contact_id FROM tickets WHERE id = $2)`, [phone, seeded.id]);
    await resolve(l1, seeded.number);
    const sms = await twilioApi.waitForMessage((message) => message.form.To === phone && message.form.Body.includes('¿cómo te atendimos'), 'the survey SMS');
    const link = SURVEY_LINK.exec(sms.form.Body)![0];
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('1 · Muy mala');

    expect((await l1.post(`/api/tickets/${seeded.number}/reopen`, { reason: 'El cliente volvió a llamar' })).status).toBe(200);
    await resolve(l1, seeded.number);
    await eventually(async () => (await ticket(seeded.number)).events.filter((event) => event.type === 'resolution_sent').length >= 2, { what: 'the second resolution to go out' });
    expect(twilioApi.sentMessages().filter((message) => message.form.To === phone && message.form.Body.includes('¿cómo te atendimos'))).toHaveLength(1);

    const forged = new URL(link);
    forged.searchParams.set('firma', 'x'.repeat(43));
    const refused = await fetch(forged);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('No reconocemos este enlace.');
    expect((await rateByForm(link, 9)).status).toBe(400);
  });

  it('should not send the survey of a ticket reopened before it went out, say why on the ticket, and send one at the next resolution', async () => {
    const address = customerAddress('encuesta-reabierta');
    const { id, number } = await seedTicket(env, { email: address, name: 'Lucía Garza', subject: 'No puedo timbrar', severity: 2 });
    await env.query(`UPDATE tickets SET status = 'open' WHERE id = $1`, [id]);
    // The worker is away: the resolution and its survey wait, and the customer answers at once that it still fails.
    await worker.stop();
    try {
      await resolve(admin, number);
      expect((await admin.post(`/api/tickets/${number}/reopen`, { reason: 'El cliente dice que sigue sin timbrar' })).status).toBe(200);
    } finally {
      await worker.start();
    }
    const held = await eventually(async () => (await ticket(number)).events.find((event) => event.type === 'delivery_held'), { what: 'the survey held' });
    expect(held.data.reason).toBe('el ticket ya no está resuelto: la encuesta no se envía');
    await eventually(async () => (await ticket(number)).events.find((event) => event.type === 'resolution_sent'), { what: 'the resolution to go out' });
    const surveys = () => sink.to(address).filter((mail) => mail.parsed.subject?.includes('¿Cómo te atendimos?'));
    expect(surveys()).toEqual([]);

    // Solved for real this time: the survey the customer never got goes out now, once.
    await resolve(admin, number);
    await sink.waitFor((mail) => mail.envelopeTo.includes(address) && Boolean(mail.parsed.subject?.includes('¿Cómo te atendimos?')), 'the survey after the second resolution');
    await eventually(async () => (await ticket(number)).events.filter((event) => event.type === 'resolution_sent').length === 2 || undefined, { what: 'both resolutions sent' });
    expect(surveys()).toHaveLength(1);
  });

  it('should report satisfaction by agent, tier and channel in the API and on the reports page', async () => {
    const byL1 = await resolvedMailTicket(l1, 'reporte-l1');
    const byL2 = await resolvedMailTicket(l2, 'reporte-l2', 'L2');
    await resolvedMailTicket(l2, 'reporte-l2-sin-respuesta', 'L2');
    expect((await rateByForm(byL1.link, 2)).status).toBe(200);
    expect((await rateByForm(byL2.link, 4)).status).toBe(200);

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const report = (await admin.get<{ rows: Array<Record<string, unknown>> }>(`/api/reports/satisfaction?month=${month}`)).body;
    expect(report.rows.find((row) => row.dimension === 'agent' && row.label === L2.name)).toMatchObject({ sent: 2, answered: 1, averageRating: 4, satisfiedPercent: 100 });
    const l1Row = report.rows.find((row) => row.dimension === 'agent' && row.label === L1.name)!;
    // L1 also resolved the tickets of the tests before (two mails rated 5, a chat rated 4, a phone ticket unanswered).
    expect(l1Row).toMatchObject({ sent: 5, answered: 4, averageRating: 4, satisfiedPercent: 75 });
    expect(report.rows.find((row) => row.dimension === 'tier' && row.key === 'L2')).toMatchObject({ sent: 2, answered: 1 });
    expect(report.rows.find((row) => row.dimension === 'channel' && row.key === 'chat')).toMatchObject({ sent: 1, answered: 1, averageRating: 4 });
    expect((await admin.get(`/api/reports/satisfaction?month=2026-13`)).status).toBe(400);

    const page = await signInToInbox(browser, base, ADMIN);
    contexts.push(page.context());
    await page.getByRole('button', { name: 'Reportes', exact: true }).click();
    const table = page.getByRole('region', { name: 'Satisfacción del mes' });
    await table.getByRole('row', { name: new RegExp(`Agente ${L2.name} 2 1 4 100 %`) }).waitFor();
    await page.locator('#satisfaction-title').scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, SUITE, 'reports-satisfaction');
    expect((await seriousAccessibilityViolations(page)).map((violation) => violation.id)).toEqual([]);
  });
});
