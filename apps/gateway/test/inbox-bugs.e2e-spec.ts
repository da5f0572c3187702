import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, signInToInbox } from '../../../test/support/browser.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';

const L1 = { name: 'Ana Help Desk', email: 'ana@interfactura.com', tier: 'L1' as const };
const SUITE = 'inbox-bugs';

/** The inbox and widget bugs of issue 16, each as a customer or an agent met it. */
describe('inbox bugs found by a new agent (Chromium)', () => {
  let env: TestEnvironment;
  let gateway: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  const signIn = async (agent: { email: string }, options: Parameters<typeof signInToInbox>[3] = {}): Promise<Page> => {
    const page = await signInToInbox(browser, base, { email: agent.email, password: agent.email === ADMIN.email ? ADMIN.password : `clave-${agent.email}` }, options);
    page.setDefaultTimeout(15_000);
    contexts.push(page.context());
    return page;
  };

  const openTicket = async (page: Page, number: string): Promise<void> => {
    await page.locator(`.ticket-row[data-number="${number}"]`).click({ timeout: 20_000 });
    await page.locator('#ticket-title', { hasText: number }).waitFor();
  };

  beforeAll(async () => {
    env = await TestEnvironment.create(SUITE);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [gateway, worker, browser] = await Promise.all([
      // The widget's presence count is re-sent only every 10 minutes here, so only the widget itself can hide the notice.
      new AppProcess('gateway', env.processEnv({ PORT: String(port), PUBLIC_BASE_URL: base, CHAT_STATUS_INTERVAL_MS: '600000' })).start(),
      new AppProcess('worker', env.processEnv()).start(),
      launchBrowser(),
    ]);
    await (await ApiClient.signIn(base, ADMIN)).createAgent(L1);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all([gateway?.stop(), worker?.stop()]);
    await env?.close();
  });

  // First: no agent has signed in yet when the customer opens the widget.
  it('should not show "no hay asesores conectados" while an agent is shown typing in the widget', async () => {
    const customer = await (await browser.newContext({ locale: 'es-MX', viewport: { width: 1100, height: 800 } })).newPage();
    contexts.push(customer.context());
    customer.setDefaultTimeout(15_000);
    await customer.goto(`${base}/chat-demo`);
    await customer.getByRole('button', { name: 'Abrir el chat con Soporte Interfactura' }).click();
    await customer.getByLabel('Nombre').fill('Rosa Tamez');
    await customer.getByLabel('Correo electrónico').fill(customerAddress('widget-escribiendo'));
    await customer.getByLabel('¿En qué te podemos ayudar?').fill('No encuentro el acuse de cancelación de una factura.');
    await customer.getByRole('button', { name: 'Iniciar chat' }).click();
    const number = (await customer.locator('.vt-confirmation').getAttribute('data-ticket', { timeout: 20_000 }))!;
    await customer.locator('.vt-agents').waitFor();

    const agent = await signIn(L1);
    await openTicket(agent, number);
    await agent.getByLabel('Respuesta', { exact: true }).fill('Hola Rosa, te ayudo con el acuse.');
    await customer.locator('.vt-typing', { hasText: 'está escribiendo' }).waitFor();
    await screenshot(customer, SUITE, 'widget-typing');
    expect(await customer.locator('.vt-agents').isVisible()).toBe(false);
  });

  it('should offer neither "Tomar" nor "Asignar" to L1 on a ticket escalated to L2, and say why', async () => {
    const seeded = await seedTicket(env, { email: 'escalado@cliente.example.mx', subject: 'Falla escalada a Operaciones', severity: 2 });
    await env.query(`UPDATE tickets SET tier = 'L2', status = 'open' WHERE id = $1`, [seeded.id]);
    const page = await signIn(L1);
    await openTicket(page, seeded.number);
    const toolbar = page.getByRole('toolbar', { name: 'Acciones del ticket' });
    await toolbar.waitFor();
    expect(await toolbar.getByRole('button', { name: 'Tomar', exact: true }).count()).toBe(0);
    expect(await toolbar.getByRole('button', { name: 'Asignar', exact: true }).count()).toBe(0);
    await page.getByText('Este ticket está en L2: solo L2 o un administrador lo toma o lo asigna.').waitFor();
    await screenshot(page, SUITE, 'l1-on-l2-ticket');
  });

  it('should not mark the open ticket as new activity when the agent’s own reply comes back live', async () => {
    const seeded = await seedTicket(env, { email: 'propia@cliente.example.mx', subject: 'Respuesta propia', severity: 3 });
    const page = await signIn(L1);
    await openTicket(page, seeded.number);
    await page.getByLabel('Respuesta', { exact: true }).fill('Gracias, ya lo revisamos.');
    await page.getByRole('button', { name: 'Enviar respuesta' }).click();
    await page.locator('.message.outbound', { hasText: 'Gracias, ya lo revisamos.' }).waitFor();
    // The reply's live echo (and its delivery's) arrive within a moment.
    await page.waitForTimeout(2_000);
    const row = page.locator(`.ticket-row[data-number="${seeded.number}"]`);
    expect(await row.getAttribute('class')).toContain('selected');
    expect(await row.getAttribute('class')).not.toContain('fresh');
  });

  it('should show a chat reply without a mail subject and with the customer’s chat, not a conversation id, as recipient', async () => {
    const customer = await ChatTestClient.connect(base);
    try {
      const started = await customer.start({ name: 'Héctor Villarreal', email: customerAddress('chat-destino'), message: '¿Cómo descargo el XML de una factura?' });
      customer.useToken(started.token);
      const number = (await customer.waitFor('ticket:confirmed')).ticketNumber as string;
      const page = await signIn(L1);
      await openTicket(page, number);
      await page.getByLabel('Respuesta', { exact: true }).fill('En Facturas → Descargar XML.');
      await page.getByRole('button', { name: 'Enviar respuesta' }).click();
      const reply = page.locator('.message.outbound', { hasText: 'En Facturas → Descargar XML.' });
      await reply.locator('.delivery').waitFor();
      expect(await reply.locator('.message-subject').count()).toBe(0);
      const delivery = (await reply.locator('.delivery').textContent())!;
      expect(delivery).not.toContain(String(started.conversationId));
      expect(delivery).toContain('chat del cliente');
      await screenshot(page, SUITE, 'chat-reply');
    } finally {
      customer.close();
    }
  });

  it('should keep a maintenance window’s description apart from its cancel button, and clear the form once scheduled', async () => {
    const page = await signIn(ADMIN);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Mantenimiento' }).click();
    const start = new Date(Date.now() + 9 * 24 * 3_600_000);
    const description = 'Actualización del timbrado.';
    await page.getByLabel('Inicio (hora del centro de México)').fill(localInput(start));
    await page.getByLabel('Fin (hora del centro de México)').fill(localInput(new Date(start.getTime() + 2 * 3_600_000)));
    await page.getByLabel('Qué se hará (lo leen los clientes)').fill(description);
    await page.getByRole('button', { name: 'Programar y avisar' }).click();
    const item = page.locator('.maintenance li', { hasText: description });
    await item.waitFor();

    expect(await page.getByLabel('Qué se hará (lo leen los clientes)').inputValue()).toBe('');
    expect(await page.getByLabel('Inicio (hora del centro de México)').inputValue()).toBe('');
    // The gap between the end of the description's text and the button, as drawn.
    const gap = await page.evaluate<number>(`(() => {
      const text = ${JSON.stringify(description)};
      const li = [...document.querySelectorAll('.maintenance li')].find((candidate) => candidate.textContent.includes(text));
      const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode()) && !node.textContent.includes(text));
      const range = document.createRange();
      range.selectNodeContents(node);
      return li.querySelector('button').getBoundingClientRect().left - range.getBoundingClientRect().right;
    })()`);
    expect(gap).toBeGreaterThanOrEqual(4);
    await screenshot(page, SUITE, 'maintenance');
  });

  it('should open the reports on the month it is in Mexico City, not in UTC, on the evening of a month’s last day', async () => {
    const page = await signIn(ADMIN, { context: { timezoneId: 'America/Mexico_City' } });
    // 31 January, 20:30 in Mexico City: already 1 February in UTC.
    await page.clock.setFixedTime(new Date('2026-02-01T02:30:00Z'));
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Reportes' }).click();
    const month = page.locator('input[type="month"]');
    await month.waitFor();
    expect(await month.inputValue()).toBe('2026-01');
  });
});

/** "2026-12-08T10:00" in Mexico City time (UTC-6), as the maintenance form reads it. */
const localInput = (date: Date): string => new Date(date.getTime() - 6 * 3_600_000).toISOString().slice(0, 16);
