import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot } from './repo-root.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium, as set up on these machines (no network beyond loopback). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot under test-artifacts/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const dir = join(repoRoot(), 'test-artifacts', suite);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** The two screens the inbox is checked on: a common laptop and a small phone. */
export const SCREENS = {
  desktop: { width: 1366, height: 820 },
  phone: { width: 375, height: 740 },
} as const;
export type Screen = keyof typeof SCREENS;

/**
 * A new browser context signed in to the inbox at `base` as this agent, on a desktop-sized screen
 * unless `options` say otherwise (`hash` opens the inbox at that fragment, e.g. `#ticket=IF-000003`;
 * `initScript` runs in every page of the context before its own scripts).
 */
export async function signInToInbox(
  browser: Browser,
  base: string,
  agent: { email: string; password: string },
  options: { screen?: Screen; hash?: string; context?: BrowserContextOptions; initScript?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: SCREENS[options.screen ?? 'desktop'], locale: 'es-MX', ...options.context });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  await page.goto(`${base}/inbox${options.hash ?? ''}`);
  await page.getByLabel('Correo').fill(agent.email);
  await page.getByLabel('Contraseña').fill(agent.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
  return page;
}

/** How far the page is wider than the screen (0 when nothing overflows sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth');
}

/**
 * Screenshots of what the page shows now at 1366 px and at 375 px (`<name>-1366.png`, `<name>-375.png`),
 * failing when either overflows sideways; the page is left at the size it had.
 */
export async function screenshotBothSizes(page: Page, suite: string, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const screen of [SCREENS.desktop, SCREENS.phone]) {
    await page.setViewportSize(screen);
    await page.waitForTimeout(50);
    await screenshot(page, suite, `${name}-${screen.width}`);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) throw new Error(`${name} overflows ${overflow} px sideways at ${screen.width} px`);
  }
  if (before) await page.setViewportSize(before);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

const AXE_SOURCE = (): string => readFileSync(join(repoRoot(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A and AA, best practices) on what the page shows, shadow roots included,
 * and returns the serious and critical violations. Evaluated over the DevTools protocol, so the
 * page's Content-Security-Policy stays as it is.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE());
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((result) => result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) })))`);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * On the chat demo page at `base`: opens the widget and starts a chat as a customer would, then
 * waits for the confirmation card; resolves with its ticket number.
 */
export async function startWidgetChat(page: Page, base: string, customer: { email: string; message: string; name?: string }): Promise<string> {
  await page.goto(`${base}/chat-demo`);
  await page.getByRole('button', { name: 'Abrir el chat con Soporte Interfactura' }).click();
  await page.getByLabel('Nombre').fill(customer.name ?? 'Rosa Tamez');
  await page.getByLabel('Correo electrónico').fill(customer.email);
  await page.getByLabel('¿En qué te podemos ayudar?').fill(customer.message);
  await page.getByRole('button', { name: 'Iniciar chat' }).click();
  return (await page.locator('.vt-confirmation').getAttribute('data-ticket', { timeout: 20_000 }))!;
}
