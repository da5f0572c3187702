import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot } from '../../../test/support/browser.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import type { MeJson } from '@app/tickets';

describe('chat widget in headless Chromium (/chat-demo → gateway → worker)', () => {
  let env: TestEnvironment;
  let gateway: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: ApiClient;
  const email = customerAddress('navegador');

  /** An expression on the widget's shadow root (`root`), evaluated in the page. */
  const inWidget = (expression: string): Promise<unknown> =>
    page.evaluate(`(() => { const root = document.getElementById('ventanilla-chat').shadowRoot; return ${expression}; })()`);

  beforeAll(async () => {
    env = await TestEnvironment.create('chatwidget');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [gateway, worker, browser] = await Promise.all([
      new AppProcess('gateway', env.processEnv({ PORT: String(port), PUBLIC_BASE_URL: base })).start(),
      new AppProcess('worker', env.processEnv()).start(),
      launchBrowser(),
    ]);
    // A fresh context: its own storage, like a first visit.
    page = await (await browser.newContext({ locale: 'es-MX', viewport: { width: 1100, height: 800 } })).newPage();
    page.setDefaultTimeout(15_000);
    api = await ApiClient.signIn(base);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([gateway?.stop(), worker?.stop()]);
    await env?.close();
  });

  it('should open from the keyboard, take the form, and show the ticket number and severity', async () => {
    await page.goto(`${base}/chat-demo`);
    const launcher = page.getByRole('button', { name: 'Abrir el chat con Soporte Interfactura' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await inWidget('root.activeElement?.id')).toBe('vt-name');

    // Sent empty: one announcement for the form, the focus on the first field to fix, each error beside its field.
    await page.getByLabel('RFC (opcional)').fill('X');
    await page.getByRole('button', { name: 'Iniciar chat' }).click();
    expect(await inWidget(`[...root.querySelectorAll('[role=alert]')].filter((node) => !node.closest('[hidden]')).map((node) => node.textContent).filter(Boolean)`)).toEqual(['Falta corregir 4 campos del formulario.']);
    expect(await inWidget('root.activeElement?.id')).toBe('vt-name');
    expect(await page.getByLabel('Nombre').getAttribute('aria-invalid')).toBe('true');
    expect(await inWidget(`root.getElementById('vt-email-error').textContent`)).toBe('Escribe un correo electrónico válido.');
    await page.getByLabel('RFC (opcional)').fill('');

    await page.getByLabel('Nombre').fill('Marisol Treviño');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('RFC (opcional)').fill('TEMM800101AB2');
    await page.getByLabel('¿En qué te podemos ayudar?').fill('No puedo cancelar la factura A-1021, marca <b>error 205</b>');
    await page.getByRole('button', { name: 'Iniciar chat' }).click();

    const card = page.locator('.vt-confirmation');
    await card.waitFor();
    const ticketNumber = await card.getAttribute('data-ticket');
    expect(ticketNumber).toMatch(/^IF-\d{6}$/);
    expect(await card.locator('.vt-ticket').textContent()).toBe(`Ticket ${ticketNumber}`);
    // The severity in plain words (its full meaning on hover): docs/channels.md, "The chat confirmation card".
    expect(await card.locator('.vt-severity').textContent()).toMatch(/^Severidad [0-3] · \S.+/);
    expect(await card.locator('.vt-severity').getAttribute('title')).toMatch(/[a-záéíóú]/);
    // The card's top, with the number, is what the customer sees.
    const panel = (await page.locator('.vt-body', { has: page.locator('.vt-log') }).boundingBox())!;
    const title = (await card.locator('.vt-ticket').boundingBox())!;
    expect(title.y).toBeGreaterThanOrEqual(panel.y);
    expect(title.y + title.height).toBeLessThanOrEqual(panel.y + panel.height);
    const [ticket] = await env.query<{ number: string }>(
      `SELECT t.number FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.claimed_email = $1`,
      [email],
    );
    expect(ticket!.number).toBe(ticketNumber);

    // The customer's HTML is shown as text, never rendered.
    expect(await page.locator('.vt-customer .vt-text').first().textContent()).toBe('No puedo cancelar la factura A-1021, marca <b>error 205</b>');
    expect(await page.locator('.vt-log b').count()).toBe(0);
    // No agent is connected: the widget says so and that the answer also arrives by email.
    expect(await page.locator('.vt-agents').textContent()).toContain('no hay asesores conectados');
    expect(await page.locator('.vt-agents').textContent()).toContain(email);
    // The portal's styles do not reach the widget.
    expect(await inWidget(`getComputedStyle(root.querySelector('.vt-launcher')).backgroundColor`)).toBe('rgb(11, 92, 171)');

    expect(existsSync(await screenshot(page, 'chat-widget', 'conversation'))).toBe(true);
  });

  it('should show the agent typing and then the reply, live', async () => {
    const ticketNumber = (await page.locator('.vt-confirmation').getAttribute('data-ticket'))!;
    const agent = (await api.get<MeJson>('/api/auth/me')).body.name;
    expect((await api.post(`/api/tickets/${ticketNumber}/typing`)).status).toBe(204);
    await page.getByText(`${agent} está escribiendo…`).waitFor();

    expect((await api.post(`/api/tickets/${ticketNumber}/replies`, { body: 'Hola Marisol, ya revisamos el error 205.' })).status).toBe(201);
    await page.locator('.vt-agent .vt-text', { hasText: 'Hola Marisol, ya revisamos el error 205.' }).waitFor();
    expect(await page.locator('.vt-typing').textContent()).toBe('');
  });

  it('should send with Enter and keep the whole conversation after a reload', async () => {
    const composer = page.getByLabel('Escribe tu mensaje');
    await composer.fill('Gracias, quedo atenta.');
    await composer.press('Enter');
    await page.locator('.vt-customer:not(.vt-pending) .vt-text', { hasText: 'Gracias, quedo atenta.' }).waitFor();
    const conversationId = await eventually(async () => {
      const rows = await env.query<{ conversation_ref: string }>(
        `SELECT t.conversation_ref FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.text = 'Gracias, quedo atenta.'`,
      );
      return rows[0]?.conversation_ref;
    }, { what: 'the message on the ticket' });
    expect(conversationId).toBeTruthy();

    await page.reload();
    await page.getByRole('button', { name: 'Abrir el chat con Soporte Interfactura' }).click();
    await page.locator('.vt-agent .vt-text', { hasText: 'Hola Marisol, ya revisamos el error 205.' }).waitFor();
    const texts = await page.locator('.vt-log > li').allTextContents();
    expect(texts.map((text) => text.replace(/\s+/g, ' '))).toEqual([
      expect.stringContaining('No puedo cancelar la factura A-1021'),
      expect.stringContaining('Ticket IF-'),
      expect.stringContaining('Hola Marisol, ya revisamos el error 205.'),
      expect.stringContaining('Gracias, quedo atenta.'),
    ]);

    await page.keyboard.press('Escape');
    expect(await page.locator('#vt-panel').isHidden()).toBe(true);
    expect(await inWidget('root.activeElement?.className')).toBe('vt-launcher');
  });
});
