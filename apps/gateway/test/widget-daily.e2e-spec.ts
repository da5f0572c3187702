import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, signInToInbox, SCREENS, startWidgetChat, type Screen } from '../../../test/support/browser.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

const SUITE = 'widget-daily';
const L1 = { name: 'Beto Guardia', email: 'beto.guardia@interfactura.com', tier: 'L1' as const };

/** The chat as a customer lives it day to day (issue 16): a short confirmation card, honest agent availability. */
describe('chat widget day to day (Chromium)', () => {
  let env: TestEnvironment;
  let gateway: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  const customerPage = async (screen: Screen): Promise<Page> => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: SCREENS[screen] });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
  const startChat = (page: Page, label: string): Promise<string> =>
    startWidgetChat(page, base, { email: customerAddress(label), message: 'No puedo descargar el XML de la factura A-123, me marca error.' });

  beforeAll(async () => {
    env = await TestEnvironment.create(SUITE);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [gateway, worker, browser] = await Promise.all([
      // Availability is re-read every 300 ms here (15 s by default): the test waits for the change, not the interval.
      new AppProcess('gateway', env.processEnv({ PORT: String(port), PUBLIC_BASE_URL: base, CHAT_STATUS_INTERVAL_MS: '300' })).start(),
      new AppProcess('worker', env.processEnv({ PUBLIC_BASE_URL: base })).start(),
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

  for (const screen of ['desktop', 'phone'] as const) {
    it(`should confirm in the chat with a short card: the number, the severity in plain words and what happens next (${SCREENS[screen].width} px)`, async () => {
      const page = await customerPage(screen);
      const number = await startChat(page, `tarjeta-${screen}`);
      const card = page.locator('.vt-confirmation');
      expect(await card.locator('.vt-ticket').textContent()).toBe(`Ticket ${number}`);
      expect(await card.locator('.vt-severity').textContent()).toMatch(/^Severidad [0-3] · (Falla total|Falla parcial|Incidente específico|Asesoría o consulta)$/);
      const details = (await card.locator('.vt-details').textContent())!;
      expect(details).toMatch(/^Un asesor te atiende en menos de \d+ (minutos|horas?)\./);
      expect(details).toContain('Puedes seguir escribiendo aquí');
      // Not the mail pasted in: no greeting, no signature, the severity not spelled out again.
      expect(details).not.toMatch(/Hola|Soporte Interfactura|Severidad|¿Qué sigue\?/);
      expect(details.split('\n').length).toBeLessThanOrEqual(4);
      const height = (await card.boundingBox())!.height;
      expect(height).toBeLessThan(200);
      await screenshot(page, SUITE, `confirmation-card-${SCREENS[screen].width}`);
    });
  }

  it('should hide the Shift+Enter hint on a touch screen and keep it where there is a keyboard', async () => {
    const touch = await browser.newContext({ locale: 'es-MX', viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });
    contexts.push(touch);
    const tablet = await touch.newPage();
    tablet.setDefaultTimeout(15_000);
    await startChat(tablet, 'tableta');
    expect(await tablet.locator('#vt-hint').isVisible()).toBe(false);
    // With no Shift on a phone's keyboard, Enter writes a new line there; the button sends.
    const composer = tablet.getByLabel('Escribe tu mensaje');
    await composer.fill('Primera línea');
    await composer.press('Enter');
    await composer.pressSequentially('segunda línea');
    expect(await composer.inputValue()).toBe('Primera línea\nsegunda línea');
    await tablet.getByRole('button', { name: 'Enviar' }).click();
    await tablet.locator('.vt-customer:not(.vt-pending) .vt-text', { hasText: 'segunda línea' }).waitFor();
    expect(await tablet.locator('.vt-customer .vt-text', { hasText: 'segunda línea' }).textContent()).toBe('Primera línea\nsegunda línea');
    const desktop = await customerPage('desktop');
    await startChat(desktop, 'teclado');
    expect(await desktop.locator('#vt-hint').textContent()).toBe('Enter envía · Shift+Enter agrega una línea');
    expect(await desktop.locator('#vt-hint').isVisible()).toBe(true);
  });

  it('should fill a short screen (a phone with its keyboard open) with the chat, keep Enviar reachable, and keep Tab inside it', async () => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 360, height: 400 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await startChat(page, 'teclado-abierto');
    // The conversation keeps room to read, and the send button is on screen and nothing lies over it.
    expect((await page.locator('.vt-body', { has: page.locator('.vt-log') }).boundingBox())!.height).toBeGreaterThanOrEqual(100);
    await page.getByRole('button', { name: 'Enviar' }).click({ trial: true, timeout: 5_000 });
    await screenshot(page, SUITE, 'keyboard-open-360x400');
    // Covering the page, the panel is modal: Tab goes round its own controls, never to the page behind.
    expect(await page.getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    const focused: string[] = [];
    for (let press = 0; press < 12; press += 1) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate<string>('document.activeElement.id'));
    }
    expect(new Set(focused)).toEqual(new Set(['ventanilla-chat']));
  });

  it('should take back "no hay asesores conectados" once an agent signs in to the inbox, without a reload', async () => {
    const page = await customerPage('phone');
    await startChat(page, 'sin-asesores');
    const notice = page.locator('.vt-agents');
    await notice.getByText('En este momento no hay asesores conectados').waitFor();
    await screenshot(page, SUITE, 'no-agents-375');

    const agent = await signInToInbox(browser, base, { email: L1.email, password: `clave-${L1.email}` });
    contexts.push(agent.context());
    await notice.waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot(page, SUITE, 'agent-online-375');

    await agent.context().close();
    await notice.waitFor({ state: 'visible', timeout: 20_000 });
  });
});
