import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN } from '../../../test/support/api-client.js';
import { launchBrowser, SCREENS, screenshotBothSizes, seriousAccessibilityViolations, signInToInbox, type Screen } from '../../../test/support/browser.js';
import { CustomerStack, mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';

const SUITE = 'incidents-browser';
const L1 = { name: 'Lucía Help Desk', email: 'lucia@interfactura.com', tier: 'L1' as const };
const TITLE = 'Falla en el timbrado de facturas';
const UPDATE = 'Nuestro proveedor de timbrado tiene una falla; estimamos restablecerlo en 30 minutos.';
const RESOLUTION = 'El timbrado quedó restablecido; ya puedes volver a timbrar tus facturas.';

/** One failure as six customers put it (different words, as people write). */
const REPORTS = [
  'Buenas tardes, no puedo timbrar ninguna factura, sale error 500 en todas.',
  'Hola, urgente: el timbrado no funciona, marca error 500 al timbrar cualquier factura.',
  'Buen día, ninguna factura se deja timbrar, aparece error 500 y no se genera el folio fiscal.',
  'Oigan, al timbrar marca error 500, ya probamos en varias computadoras y sigue el error 500.',
  'Disculpen, no podemos timbrar nada, tenemos clientes esperando su factura, error 500.',
  'Hola soporte, las facturas no se timbran, error 500 al timbrar desde hace media hora.',
];

interface IncidentJson {
  id: string;
  status: string;
  ticketCount: number;
  tickets: string[];
}

/** Issue 14: the inbox's incidents view in Chromium, against a real gateway and worker and every channel. */
describe('the incidents view of the inbox (Chromium, 1366 and 375 px)', () => {
  let stack: CustomerStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const reporters: Array<{ channel: 'email' | 'chat' | 'phone'; address: string; ticketNumber: string; chat?: Awaited<ReturnType<CustomerStack['chat']>> }> = [];
  const unrelated: Array<{ address: string; ticketNumber: string }> = [];

  const signIn = async (screen: Screen = 'desktop'): Promise<Page> => {
    const page = await signInToInbox(browser, stack.base, { email: L1.email, password: `clave-${L1.email}` }, { screen });
    page.setDefaultTimeout(15_000);
    contexts.push(page.context());
    return page;
  };

  const expectAccessible = async (page: Page, what: string): Promise<void> => {
    for (const screen of [SCREENS.desktop, SCREENS.phone]) {
      await page.setViewportSize(screen);
      const violations = await seriousAccessibilityViolations(page);
      expect({ what, width: screen.width, violations }).toEqual({ what, width: screen.width, violations: [] });
    }
    await page.setViewportSize(SCREENS.desktop);
  };

  beforeAll(async () => {
    stack = await CustomerStack.start(SUITE);
    await stack.api.createAgent(L1);
    browser = await launchBrowser();
    // Three mails, two chats and a call about the failure; two ordinary mails among them.
    for (const [index, text] of REPORTS.slice(0, 3).entries()) {
      const address = customerAddress(`timbra${index}`);
      reporters.push({ channel: 'email', address, ticketNumber: (await stack.mail({ from: address, subject: index === 1 ? 'Urgente' : 'Problema con facturas', text })).ticketNumber });
    }
    for (const [index, subject, text] of [
      [0, 'Logotipo', '¿Cómo agrego mi logotipo al PDF de la factura?'],
      [1, 'Horario', '¿Tienen atención telefónica en fin de semana?'],
    ] as const) {
      const address = customerAddress(`otro${index}`);
      unrelated.push({ address, ticketNumber: (await stack.mail({ from: address, subject, text })).ticketNumber });
    }
    for (const [index, text] of REPORTS.slice(3, 5).entries()) {
      const chat = await stack.chat({ name: `Cliente ${index}`, email: customerAddress(`chat${index}`), message: text });
      reporters.push({ channel: 'chat', address: chat.conversationId, ticketNumber: chat.ticketNumber, chat });
    }
    const caller = mobileNumber();
    reporters.push({ channel: 'phone', address: caller, ticketNumber: (await stack.call(caller, REPORTS[5]!, '0')).ticketNumber });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  it('should show a suspected incident above the ticket list, and let an agent confirm it, retitle it, fix its links, preview an update per channel and send it to everyone, then resolve it', async () => {
    // Detection (the worker, after intake) groups the reports; what it misses, the agent links below.
    // It runs after the intake jobs, on what it gathered: once it has settled it has seen all six.
    await stack.detectionSettled();
    const found = await eventually(
      async () => (await stack.api.get<{ items: IncidentJson[] }>('/api/incidents')).body.items.find((item) => item.status === 'suspected' && item.ticketCount >= 3),
      { what: 'a suspected incident', timeoutMs: 30_000 },
    );
    const suspected = (await stack.api.get<IncidentJson>(`/api/incidents/${found.id}`)).body;
    expect(suspected.tickets.filter((number) => unrelated.some((other) => other.ticketNumber === number))).toEqual([]);
    const page = await signIn();

    // At the top of the inbox, before the tickets.
    const banner = page.getByRole('region', { name: 'Incidentes en curso' });
    await banner.getByText('Posible incidente').waitFor();
    await banner.getByText(`${suspected.ticketCount} tickets vinculados · por confirmar`).waitFor();
    const [bannerBox, listBox] = [await banner.boundingBox(), await page.locator('#ticket-list').boundingBox()];
    expect(bannerBox!.y + bannerBox!.height).toBeLessThanOrEqual(listBox!.y + 1);
    await screenshotBothSizes(page, SUITE, '01-banner-above-the-list');
    await expectAccessible(page, 'the inbox with the banner');

    // By keyboard.
    await banner.getByRole('button', { name: /^Ver incidente: / }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#incident-title').waitFor();
    await page.locator('.linked-ticket').first().getByText(/Vinculado por Ventanilla el .*: se parece a \d+ reporte/).waitFor();

    await page.getByRole('button', { name: 'Confirmar incidente' }).click();
    await page.getByRole('status').filter({ hasText: 'Incidente confirmado.' }).waitFor();
    await page.locator('.incident-header .badge', { hasText: 'Confirmado' }).waitFor();

    await page.getByLabel(/^Título público/).fill(TITLE);
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.locator('#incident-title', { hasText: TITLE }).waitFor();

    // What detection missed, and one wrong ticket (by its short number), linked by hand; the wrong one unlinked.
    const missing = reporters.map((reporter) => reporter.ticketNumber).filter((number) => !suspected.tickets.includes(number));
    const wrong = unrelated[0]!.ticketNumber;
    await page.getByLabel(/^Vincular tickets/).fill([...missing, wrong.replace(/^IF-0*/, '')].join(', '));
    await page.getByRole('button', { name: 'Vincular', exact: true }).click();
    await page.getByRole('heading', { name: `Tickets vinculados (${reporters.length + 1})` }).waitFor();
    await page.locator(`.linked-ticket[data-number="${wrong}"]`).getByText('Vinculado por Lucía Help Desk').waitFor();
    await page.getByRole('button', { name: `Desvincular ${wrong}` }).click();
    await page.getByRole('heading', { name: `Tickets vinculados (${reporters.length})` }).waitFor();
    expect(await page.locator('.linked-ticket').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-number')).sort())).toEqual(
      reporters.map((reporter) => reporter.ticketNumber).sort(),
    );
    // Each shows the customer and channel.
    await page.locator(`.linked-ticket[data-number="${reporters[3]!.ticketNumber}"]`).getByText('Chat').waitFor();
    await page.locator(`.linked-ticket[data-number="${reporters[0]!.ticketNumber}"]`).getByText(reporters[0]!.address).waitFor();

    // The reach before typing, then the three previews as the server renders them.
    const reach = page.locator('.incident-reach');
    await reach.getByText('Llegará a 6 clientes: 3 por correo, 2 por chat y 1 por SMS.').waitFor();
    await page.getByLabel('Mensaje para los clientes').fill(UPDATE);
    const previews = page.getByRole('group', { name: 'Vista previa por canal' });
    const email = previews.getByRole('region', { name: 'Correo' });
    await email.getByText(`Asunto: Re: [${reporters[0]!.ticketNumber}] Actualización: ${TITLE}`).waitFor();
    await email.getByText(`Actualización sobre la falla "${TITLE}" que nos reportaste en tu ticket ${reporters[0]!.ticketNumber}:`, { exact: false }).waitFor();
    expect(await email.locator('.preview-text').textContent()).toContain(`Atentamente, ${L1.name}`);
    const chat = previews.getByRole('region', { name: 'Chat' });
    await chat.getByText(`Así lo lee el cliente de ${reporters[3]!.ticketNumber}`).waitFor();
    expect(await chat.locator('.preview-text').textContent()).toContain(UPDATE);
    const sms = previews.getByRole('region', { name: 'SMS' });
    expect(await sms.locator('.preview-text').textContent()).toBe(`Interfactura ${reporters[5]!.ticketNumber}: actualización. ${UPDATE}`);
    // What the carrier counts: the update's accents send it as UCS-2, 70 characters per SMS.
    const smsText = `Interfactura ${reporters[5]!.ticketNumber}: actualización. ${UPDATE}`;
    const segments = smsText.length <= 70 ? 1 : Math.ceil(smsText.length / 67);
    await sms.getByText(`${[...smsText].length} caracteres · ${segments === 1 ? '1 SMS' : `${segments} SMS`} (con acentos o símbolos: hasta 70 caracteres por SMS)`).waitFor();
    await screenshotBothSizes(page, SUITE, '02-compose-with-previews');
    await expectAccessible(page, 'the incident with the previews');

    await page.getByRole('button', { name: 'Enviar actualización a 6 clientes' }).click();
    await page.getByRole('status').filter({ hasText: 'Actualización enviada a 6 clientes.' }).waitFor();
    const sent = page.locator('.incident-update', { hasText: UPDATE });
    await sent.getByText('Enviada a 6 clientes: 6 entregados.').waitFor({ timeout: 30_000 });

    // Each customer got it once, on their own channel; the unlinked one did not.
    for (const reporter of reporters.filter((item) => item.channel === 'email')) {
      await eventually(async () => stack.sink.to(reporter.address).filter((mail) => mail.parsed.subject?.includes(`Actualización: ${TITLE}`)).length === 1, { what: `the update mailed to ${reporter.address}` });
    }
    for (const reporter of reporters.filter((item) => item.channel === 'chat')) {
      await reporter.chat!.client.waitFor('agent:message', (payload) => String(payload.text).includes(UPDATE));
    }
    const texted = await stack.twilioApi.waitForMessage((sms) => sms.form.To === reporters[5]!.address && String(sms.form.Body).includes(UPDATE), 'the update by SMS');
    expect(texted.form.Body).toBe(`Interfactura ${reporters[5]!.ticketNumber}: actualización. ${UPDATE}`);
    expect(stack.sink.to(unrelated[0]!.address).filter((mail) => mail.parsed.text?.includes(UPDATE))).toEqual([]);

    await page.getByRole('radio', { name: /^Resolución/ }).check();
    await page.getByLabel(/^Qué se hizo/).fill(RESOLUTION);
    await page.getByRole('group', { name: 'Vista previa por canal' }).getByText(`Re: [${reporters[0]!.ticketNumber}] Falla resuelta: ${TITLE}`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Resolver y avisar a 6 clientes' }).click();
    await page.getByRole('button', { name: 'Sí, resolver' }).click();
    await page.locator('.incident-header .badge', { hasText: 'Resuelto' }).waitFor();
    await page.locator('.incident-update', { hasText: RESOLUTION }).getByText('Resolución').waitFor();
    for (const reporter of reporters) expect((await stack.api.get<{ status: string }>(`/api/tickets/${reporter.ticketNumber}`)).body.status).toBe('resolved');
    expect((await stack.api.get<{ status: string }>(`/api/tickets/${wrong}`)).body.status).not.toBe('resolved');
    await screenshotBothSizes(page, SUITE, '03-resolved');

    // Nothing left to show at the top of the inbox.
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Tickets' }).click();
    await page.locator('#ticket-list').waitFor();
    expect(await page.getByRole('region', { name: 'Incidentes en curso' }).count()).toBe(0);
  });

  it('should let an agent dismiss a suspected incident that is not one, with a reason, and take it off the top of the inbox', async () => {
    // Three more reports that read alike; the agent knows they are not one failure.
    const alike: string[] = [];
    for (const [index, text] of REPORTS.slice(0, 3).entries()) {
      alike.push((await stack.mail({ from: customerAddress(`parecido${index}`), subject: 'Problema con facturas', text })).ticketNumber);
    }
    await stack.detectionSettled();
    const found = await eventually(async () => (await stack.api.get<{ items: IncidentJson[] }>('/api/incidents')).body.items.find((item) => item.status === 'suspected'), {
      what: 'a second suspected incident',
      timeoutMs: 30_000,
    });
    const page = await signIn();
    const banner = page.getByRole('region', { name: 'Incidentes en curso' });
    await banner.getByRole('button', { name: /^Ver incidente: / }).click();
    await page.locator('#incident-title').waitFor();
    await page.getByRole('button', { name: 'Descartar', exact: true }).click();
    await page.getByLabel('Motivo (opcional)').fill('Cada cliente tiene su certificado vencido');
    await screenshotBothSizes(page, SUITE, '04-dismiss-asks-first');
    await expectAccessible(page, 'the dismissal asking first');
    await page.getByRole('button', { name: 'Sí, descartar' }).click();

    // Back on the ticket list, with nothing above it.
    await page.locator('#ticket-list').waitFor();
    await eventually(async () => (await page.getByRole('region', { name: 'Incidentes en curso' }).count()) === 0, { what: 'the strip gone' });
    const dismissed = (await stack.api.get<IncidentJson & { dismissReason: string }>(`/api/incidents/${found.id}`)).body;
    expect(dismissed.dismissReason).toBe('Cada cliente tiene su certificado vencido');
    // Each ticket's timeline says so, in words.
    await page.locator(`.ticket-row[data-number="${alike[0]!}"]`).click();
    await page.getByText('Lucía Help Desk descartó el posible incidente del ticket (no era una misma falla): Cada cliente tiene su certificado vencido').waitFor();
  });

  it('should let an agent on a phone open an incident by hand from the list and find it there with its ticket', async () => {
    const page = await signIn('phone');
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Incidentes' }).click();
    // The one resolved above is listed under the recent ones.
    await page.getByRole('region', { name: 'Resueltos recientemente' }).getByText(TITLE).waitFor();
    const ticket = unrelated[1]!.ticketNumber;
    await page.getByLabel('Título público (lo leen los clientes)').fill('Lentitud al descargar XML');
    await page.getByLabel('Severidad').selectOption('2');
    await page.getByLabel(/^Tickets a vincular/).fill(ticket);
    await page.getByRole('button', { name: 'Abrir incidente' }).click();
    await page.locator('#incident-title', { hasText: 'Lentitud al descargar XML' }).waitFor();
    await page.locator('.incident-header .badge', { hasText: 'Confirmado' }).waitFor();
    await page.locator(`.linked-ticket[data-number="${ticket}"]`).getByText('Vinculado por Lucía Help Desk').waitFor();
    await screenshotBothSizes(page, SUITE, '05-opened-by-hand');
    await expectAccessible(page, 'an incident opened by hand');

    await page.getByRole('button', { name: '← Volver a incidentes' }).click();
    await page.getByRole('region', { name: 'En curso' }).getByText('Lentitud al descargar XML').waitFor();
    // The incident's tab counts what is unresolved.
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Incidentes (1)' }).waitFor();
  });

  it('should let an administrator, and only an administrator, count an incident as down time for the availability report', async () => {
    const agent = await signIn();
    await agent.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Incidentes/ }).click();
    await agent.getByRole('region', { name: 'En curso' }).getByText('Lentitud al descargar XML').click();
    await agent.locator('#incident-title', { hasText: 'Lentitud al descargar XML' }).waitFor();
    expect(await agent.getByLabel(/Cuenta como tiempo fuera de servicio/).count()).toBe(0);

    const admin = await signInToInbox(browser, stack.base, ADMIN);
    contexts.push(admin.context());
    await admin.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Incidentes/ }).click();
    await admin.getByRole('region', { name: 'En curso' }).getByText('Lentitud al descargar XML').click();
    await admin.getByLabel(/Cuenta como tiempo fuera de servicio/).check();
    await admin.getByRole('status').filter({ hasText: 'El incidente cuenta como tiempo fuera de servicio en el reporte de disponibilidad.' }).waitFor();
    const { items } = (await stack.api.get<{ items: Array<{ title: string; countsAsDowntime: boolean }> }>('/api/incidents')).body;
    expect(items.find((item) => item.title === 'Lentitud al descargar XML')?.countsAsDowntime).toBe(true);

    // Its one customer wrote by mail: the preview shows that channel only, not a chat or SMS nobody will get.
    await admin.getByLabel('Mensaje para los clientes').fill('Seguimos revisando la descarga de XML.');
    const previews = admin.getByRole('group', { name: 'Vista previa por canal' });
    await previews.getByRole('region', { name: 'Correo' }).waitFor();
    expect(await previews.getByRole('region', { name: /^(Chat|SMS)$/ }).count()).toBe(0);
  });
});
