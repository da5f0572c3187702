import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, signInToInbox } from '../../../test/support/browser.js';
import { freePort } from '../../../test/support/ports.js';
import { repoRoot } from '../../../test/support/repo-root.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import type { AgentJson, ItemsJson } from '@app/tickets';

const L1 = { name: 'Ana Help Desk', email: 'ana@interfactura.com', tier: 'L1' as const };
const SECOND_ADMIN = { name: 'Sara Sistemas', email: 'sara@interfactura.com', tier: 'L3' as const, role: 'admin' as const };
const passwordOf = (agent: { email: string }) => (agent.email === ADMIN.email ? ADMIN.password : `clave-${agent.email}`);

/**
 * The administrators' pages, in Chromium against a real gateway: the queue dashboard (bull-board at
 * /admin/queues) and the API docs (Swagger UI at /api/docs). Administrators only; 403 for other
 * agents, 401 without a sign-in.
 */
describe('administrators\' pages (Chromium): queue dashboard and API docs', () => {
  let env: TestEnvironment;
  let gateway: AppProcess;
  let browser: Browser;
  let base: string;
  let admin: ApiClient;
  const contexts: BrowserContext[] = [];

  const signIn = async (agent: { email: string }): Promise<Page> => {
    const page = await signInToInbox(browser, base, { email: agent.email, password: passwordOf(agent) });
    page.setDefaultTimeout(15_000);
    contexts.push(page.context());
    return page;
  };

  /** Opens an administrators' page as an administrator does: from the inbox's button. Collects what the page's policy refused. */
  const openFromInbox = async (page: Page, button: 'Colas' | 'API', url: string): Promise<string[]> => {
    const refused: string[] = [];
    page.on('console', (message) => {
      // bull-board links Google's web fonts; the policy keeps every third party out, so those are refused on purpose.
      if (/Content Security Policy/.test(message.text()) && !/fonts\.googleapis\.com/.test(message.text())) refused.push(message.text());
    });
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL(`${base}${url}`);
    return refused;
  };
  const openDashboard = (page: Page) => openFromInbox(page, 'Colas', '/admin/queues/');

  beforeAll(async () => {
    env = await TestEnvironment.create('admin-pages');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [gateway, browser] = await Promise.all([new AppProcess('gateway', env.processEnv({ PORT: String(port), PUBLIC_BASE_URL: base })).start(), launchBrowser()]);
    admin = await ApiClient.signIn(base, ADMIN);
    await admin.createAgent(L1);
    await admin.createAgent(SECOND_ADMIN);
    // Work waiting in the intake queue (no worker runs here), as an operator would come to look at.
    const intake = new Queue('intake', { connection: { url: env.redisUrl }, prefix: env.queuePrefix });
    await intake.add('ingest', { inboundId: 'waiting-item' }, { jobId: 'ingest-dashboard-sample' });
    await intake.close();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await gateway?.stop();
    await env?.close();
  });

  it('should show an administrator every queue, from the inbox, under the dashboard policy', async () => {
    const page = await signIn(ADMIN);
    const refused = await openDashboard(page);
    // The queues in the dashboard's menu (waitFor: until the page has drawn them, visible).
    for (const queue of ['intake', 'outbound', 'sla']) await page.getByText(queue, { exact: true }).first().waitFor();
    // A queue's jobs: the one waiting in intake.
    await page.getByText('intake', { exact: true }).first().click();
    await page.getByText('ingest-dashboard-sample').first().waitFor();
    expect(refused).toEqual([]);
    await screenshot(page, 'admin-pages', 'queue-dashboard');

    // The cookie that let the browser in: for the administrators' pages only, out of scripts' reach, never sent by another site.
    const cookies = (await page.context().cookies()).filter((candidate) => candidate.name === 'ventanilla_admin');
    expect(cookies.map((candidate) => candidate.path).sort()).toEqual(['/admin/queues', '/api/docs']);
    const cookie = cookies[0];
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie!.expires * 1_000 - Date.now()).toBeLessThanOrEqual(15 * 60 * 1_000);
    // And it is no API token.
    const asBearer = await fetch(`${base}/api/tickets`, { headers: { authorization: `Bearer ${cookie!.value}` } });
    expect(asBearer.status).toBe(401);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie: `ventanilla_admin=${cookie!.value}` } })).status).toBe(200);
  });

  it('should refuse an L1 agent with 403: no way in from the inbox, and its token does not open the dashboard', async () => {
    const page = await signIn(L1);
    expect(await page.getByRole('button', { name: 'Colas' }).count()).toBe(0);
    const token = await page.evaluate<string | null>('sessionStorage.getItem("ventanilla.accessToken")');
    expect(token).toBeTruthy();
    const session = await fetch(`${base}/api/admin-pages/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(session.status).toBe(403);
    expect(session.headers.get('set-cookie')).toBeNull();

    await page.context().setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
    const answer = await page.goto(`${base}/admin/queues/`);
    expect(answer?.status()).toBe(403);
    await expect(page.locator('body').textContent()).resolves.toContain('Solo un administrador puede hacer esto');
    for (const path of ['/api/docs', '/api/docs/openapi.json']) expect((await page.goto(`${base}${path}`))?.status()).toBe(403);
  });

  it('should answer 401 to a browser with no sign-in, for the page, its files and its API', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    for (const path of ['/admin/queues/', '/admin/queues/api/queues', '/admin/queues/static/js/main.js', '/api/docs', '/api/docs/openapi.json', '/api/docs/assets/swagger-ui-bundle.js']) {
      const answer = await page.goto(`${base}${path}`);
      expect([path, answer?.status()]).toEqual([path, 401]);
    }
    await expect(page.locator('body').textContent()).resolves.toContain('Se requiere iniciar sesión como administrador');
  });

  it('should show an administrator the API docs from the inbox, generated from the code and the same as docs/openapi.json', async () => {
    const page = await signIn(ADMIN);
    const refused = await openFromInbox(page, 'API', '/api/docs');
    await page.getByRole('heading', { name: /Ventanilla API/ }).waitFor();
    // An operation and the body it takes, as the DTO declares it.
    await page.locator('.opblock-summary-path', { hasText: '/api/tickets/{number}/replies' }).first().click();
    await page.getByText('CreateReplyDto').first().waitFor();
    expect(refused).toEqual([]);
    await screenshot(page, 'admin-pages', 'api-docs');

    const served = await page.evaluate<unknown>(`fetch('/api/docs/openapi.json').then((response) => response.json())`);
    // `npm run openapi` writes the same document: the committed file is current.
    expect(served).toEqual(JSON.parse(readFileSync(join(repoRoot(), 'docs/openapi.json'), 'utf8')));
  });

  it('should close the dashboard to an administrator who is deactivated, at the next request', async () => {
    const page = await signIn(SECOND_ADMIN);
    await openDashboard(page);
    await page.getByText('intake', { exact: true }).first().waitFor();
    const agents = (await admin.get<ItemsJson<AgentJson>>('/api/agents')).body.items;
    const id = agents.find((agent) => agent.email === SECOND_ADMIN.email)!.id;
    expect((await admin.patch(`/api/agents/${id}`, { active: false })).status).toBe(200);
    const answer = await page.goto(`${base}/admin/queues/api/queues`);
    expect(answer?.status()).toBe(401);
  });
});
