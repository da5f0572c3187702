import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/** A new browser context signed in to the inbox at `base` as this agent, on a desktop-sized screen. */
export async function signInToInbox(browser: Browser, base: string, agent: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto(`${base}/inbox`);
  await page.getByLabel('Correo').fill(agent.email);
  await page.getByLabel('Contraseña').fill(agent.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
  return page;
}
