import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Emitter } from '@socket.io/redis-emitter';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { horizontalOverflow, launchBrowser, SCREENS, screenshotBothSizes, seriousAccessibilityViolations, signInToInbox, type Screen } from '../../../test/support/browser.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket, type SeededTicket } from '../../../test/support/ticket-fixtures.js';
import type { AgentJson, ItemsJson } from '@app/tickets';

const SUITE = 'inbox-daily';
const L1 = { name: 'Ana Help Desk', email: 'ana@interfactura.com', tier: 'L1' as const };
const L2 = { name: 'Omar Operaciones', email: 'omar@interfactura.com', tier: 'L2' as const };
const passwordOf = (agent: { email: string }) => (agent.email === ADMIN.email ? ADMIN.password : `clave-${agent.email}`);

/** Records the beeps and desktop notifications the inbox makes (the browser's own APIs, replaced before the page runs). */
const ALERT_RECORDER = `
  window.__beeps = [];
  window.__notifications = [];
  window.AudioContext = class {
    constructor() { this.currentTime = 0; this.destination = {}; }
    createOscillator() { const oscillator = { frequency: { value: 0 }, connect: (next) => next, start: () => window.__beeps.push(oscillator.frequency.value), stop() {} }; return oscillator; }
    createGain() { return { gain: { value: 0 }, connect: (next) => next }; }
  };
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__notifications.push({ title, ...options }); }
    close() {}
  };
`;

/** Day-to-day work in the agents' inbox (issue 16), in Chromium at 1366 and 375 px against the real gateway. */
describe('the inbox, day to day (Chromium, 1366 and 375 px)', () => {
  let env: TestEnvironment;
  let gateway: AppProcess;
  let browser: Browser;
  let base: string;
  let admin: ApiClient;
  let live: Emitter;
  const contexts: BrowserContext[] = [];
  const tickets: SeededTicket[] = [];

  const signIn = async (agent: { email: string }, options: Parameters<typeof signInToInbox>[3] = {}): Promise<Page> => {
    const page = await signInToInbox(browser, base, { email: agent.email, password: passwordOf(agent) }, options);
    page.setDefaultTimeout(15_000);
    contexts.push(page.context());
    return page;
  };

  const row = (page: Page, number: string) => page.locator(`.ticket-row[data-number="${number}"]`);

  const openTicket = async (page: Page, number: string): Promise<void> => {
    await row(page, number).click();
    await page.locator('#ticket-title', { hasText: number }).waitFor();
  };

  /** What the worker announces when intake creates a ticket, sent the same way (Redis, socket.io adapter). */
  const announceCreated = (number: string) => live.to('tier:L1').emit('ticket:changed', { number, kind: 'created' });

  const seed = async (fields: Parameters<typeof seedTicket>[1]): Promise<SeededTicket> => {
    const seeded = await seedTicket(env, fields);
    tickets.push(seeded);
    return seeded;
  };

  beforeAll(async () => {
    env = await TestEnvironment.create(SUITE);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [gateway, browser] = await Promise.all([new AppProcess('gateway', env.processEnv({ PORT: String(port), PUBLIC_BASE_URL: base })).start(), launchBrowser()]);
    admin = await ApiClient.signIn(base, ADMIN);
    for (const agent of [L1, L2]) await admin.createAgent(agent);
    live = new Emitter(env.redis, { key: `${env.queuePrefix}:socket.io` }).of('/agents');
    // A working day's list: a dozen tickets of every severity, one at L2, one at risk.
    for (let index = 0; index < 10; index += 1) {
      await seed({ email: customerAddress(`lista-${index}`), name: `Cliente ${index}`, subject: `Consulta de facturación ${index}`, severity: index % 4 });
    }
    await env.query(`UPDATE tickets SET solution_risk_at = now() - interval '1 minute' WHERE id = $1`, [tickets[1]!.id]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await gateway?.stop();
    await env?.close();
  });

  it('should count new tickets in the title, beep, notify as each agent chose, and always alert loudly for severity 0 and 1', async () => {
    const quiet = await seed({ email: customerAddress('alerta-baja'), subject: 'Duda sobre series', severity: 3 });
    const critical = await seed({ email: customerAddress('alerta-alta'), subject: 'No timbra ninguna factura', severity: 0 });
    const later = await seed({ email: customerAddress('alerta-luego'), subject: 'Cambio de contraseña', severity: 2 });
    const page = await signIn(L1, { initScript: ALERT_RECORDER });
    await page.locator('.shell[data-live="connected"]').waitFor();
    const beeps = () => page.evaluate<number[]>('window.__beeps');
    const notifications = () => page.evaluate<Array<{ title: string; requireInteraction: boolean }>>('window.__notifications');

    announceCreated(quiet.number);
    await eventually(async () => (await page.title()).startsWith('(1) ') || undefined, { what: 'the count in the title' });
    await row(page, quiet.number).locator('.badge.new', { hasText: 'Nuevo' }).waitFor();
    await eventually(async () => ((await beeps()).length === 1 ? true : undefined), { what: 'one soft beep' });
    expect(await notifications()).toEqual([]);

    announceCreated(critical.number);
    await eventually(async () => (await page.title()).startsWith('(2) ') || undefined, { what: 'two in the title' });
    await page.locator('.alert-new_loud', { hasText: `${critical.number}: ticket nuevo de severidad alta` }).waitFor();
    await eventually(async () => ((await beeps()).length === 4 ? true : undefined), { what: 'three loud beeps more' });
    expect(await notifications()).toEqual([expect.objectContaining({ title: expect.stringContaining(`Nuevo ticket ${critical.number}`), requireInteraction: true })]);
    await screenshotBothSizes(page, SUITE, '01-alerts');

    await row(page, quiet.number).click();
    await eventually(async () => (await page.title()).startsWith('(1) ') || undefined, { what: 'one left unopened' });

    await page.getByRole('button', { name: 'Avisos' }).click();
    await page.getByLabel('Sonido').uncheck();
    const before = (await beeps()).length;
    announceCreated(later.number);
    await eventually(async () => (await page.title()).startsWith('(2) ') || undefined, { what: 'the next new ticket counted' });
    await page.waitForTimeout(300);
    expect((await beeps()).length).toBe(before);

    // Kept for this agent in this browser.
    await page.reload();
    await page.getByRole('button', { name: 'Avisos' }).click();
    expect(await page.getByLabel('Sonido').isChecked()).toBe(false);
    expect(await page.getByLabel('Contador en el título de la pestaña').isChecked()).toBe(true);
  });

  it('should let administrators write canned responses and macros, and agents fill one in (variables replaced) and send it with Ctrl+Enter on a phone', async () => {
    const page = await signIn(ADMIN);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Respuestas' }).click();
    const create = async (title: string, body: string, status?: string, severity?: string) => {
      await page.getByLabel('Título (así la eligen los agentes)').fill(title);
      await page.getByLabel('Texto', { exact: true }).fill(body);
      if (status) await page.getByLabel('Al enviar, dejar el ticket en').selectOption(status);
      if (severity) await page.getByLabel('Al enviar, cambiar la severidad a').selectOption(severity);
      await page.getByRole('button', { name: 'Crear respuesta' }).click();
    };
    await create('Saludo', 'Hola {{clienta}}');
    await page.getByRole('alert').filter({ hasText: 'Variable desconocida: {{clienta}}' }).waitFor();
    await create('Saludo', 'Hola {{cliente}}, soy {{agente}} y atiendo tu ticket {{ticket}}.');
    await page.locator('.canned-list li', { hasText: 'Saludo' }).waitFor();
    await create('Pedir XML', 'Hola {{cliente}}, ¿nos compartes el XML del CFDI que no timbra?', 'waiting_customer', '1');
    await page.locator('.canned-list li', { hasText: 'Pedir XML' }).waitFor();
    await create('saludo', 'Otro');
    await page.getByRole('alert').filter({ hasText: 'Ya existe una respuesta predefinida con ese título.' }).waitFor();
    await screenshotBothSizes(page, SUITE, '02-canned-admin');

    const ticket = await seed({ email: customerAddress('plantilla'), name: 'Lorena Maciel', subject: 'Factura sin timbrar', severity: 3 });
    const agent = await signIn(L1, { screen: 'phone' });
    await openTicket(agent, ticket.number);
    const box = agent.getByLabel('Respuesta', { exact: true });
    await agent.getByLabel('Respuesta predefinida').selectOption({ label: 'Saludo' });
    expect(await box.inputValue()).toBe(`Hola Lorena Maciel, soy ${L1.name} y atiendo tu ticket ${ticket.number}.`);
    await box.fill('');
    await agent.getByLabel('Respuesta predefinida').selectOption({ label: 'Pedir XML (macro)' });
    await agent.getByRole('status').filter({ hasText: 'Macro «Pedir XML»: al enviar, también severidad → Sev 1' }).waitFor();
    await screenshotBothSizes(agent, SUITE, '03-canned-in-reply-box');
    await box.press('Control+Enter');
    await agent.locator('.detail-header .badge', { hasText: 'Esperando al cliente' }).waitFor();
    await agent.locator('.detail-header .badge.sev-1').waitFor();
    const [stored] = await env.query<{ status: string; severity: number }>(`SELECT status, severity FROM tickets WHERE id = $1`, [ticket.id]);
    expect(stored).toEqual({ status: 'waiting_customer', severity: 1 });
    const [reply] = await env.query<{ text: string }>(`SELECT text FROM messages WHERE ticket_id = $1 AND author_type = 'agent'`, [ticket.id]);
    expect(reply!.text.startsWith('Hola Lorena Maciel, ¿nos compartes el XML del CFDI que no timbra?')).toBe(true);
  });

  it('should move with j/k, open with Enter, show the ? sheet, and leave keys alone while the agent types', async () => {
    const page = await signIn(L1);
    await page.locator('.ticket-row').nth(2).waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Atajos de teclado' }).waitFor();
    await screenshotBothSizes(page, SUITE, '04-shortcut-help');
    // Modal: Tab stays on the sheet's one button instead of reaching the page behind it.
    for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Cerrar');
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Atajos de teclado' }).waitFor({ state: 'detached' });

    const focusedNumber = () => page.evaluate<string | null>(`document.activeElement?.dataset?.number ?? null`);
    const numbers = await page.locator('.ticket-row').evaluateAll((rows) => rows.map((element) => (element as unknown as { dataset: { number: string } }).dataset.number));
    await page.keyboard.press('j');
    expect(await focusedNumber()).toBe(numbers[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await focusedNumber()).toBe(numbers[1]);
    await page.keyboard.press('Enter');
    await page.locator('#ticket-title', { hasText: numbers[1]! }).waitFor();

    await page.keyboard.press('/');
    await page.keyboard.type('jk');
    expect(await page.locator('#ticket-search').inputValue()).toBe('jk');
    // Esc leaves the field with the words that filter the list still in it (a search field's own Esc
    // would empty it and leave the list filtered under an empty box).
    await page.keyboard.press('Escape');
    expect([await page.locator('#ticket-search').inputValue(), new URL(page.url()).hash]).toEqual(['jk', expect.stringContaining('q=jk')]);
    await page.locator('#ticket-search').fill('');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('reply-body');
    await page.keyboard.type('Revisamos jk y te escribimos');
    expect(await focusedNumber()).toBeNull();
    await page.keyboard.press('Control+Enter');
    await page.locator('.message.outbound', { hasText: 'Revisamos jk y te escribimos' }).waitFor();
    // Said to screen readers too: the timeline that shows it is no live region.
    await page.getByRole('status').filter({ hasText: 'Respuesta enviada.' }).waitFor();

    // On a phone the list goes away when a ticket opens: focus follows to the ticket, not to the page.
    await page.setViewportSize(SCREENS.phone);
    await page.getByRole('button', { name: '← Volver a la lista' }).click();
    await page.locator(`.ticket-row[data-number="${numbers[0]!}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator('#ticket-title', { hasText: numbers[0]! }).waitFor();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('ticket-detail');
  });

  it('should assign, merge and resolve several tickets at once, saying per ticket what happened', async () => {
    const first = await seed({ email: customerAddress('grupo'), subject: 'Grupo: primero', severity: 2 });
    const second = await seed({ email: customerAddress('grupo-2'), subject: 'Grupo: segundo', severity: 2 });
    const target = await seed({ email: customerAddress('grupo-3'), subject: 'Grupo: destino', severity: 2 });
    const atL2 = await seed({ email: customerAddress('grupo-l2'), subject: 'Grupo: en L2', severity: 2 });
    await env.query(`UPDATE tickets SET contact_id = (SELECT contact_id FROM tickets WHERE id = $1) WHERE id = ANY($2)`, [first.id, [second.id, target.id]]);
    await env.query(`UPDATE tickets SET tier = 'L2' WHERE id = $1`, [atL2.id]);
    const page = await signIn(L1);
    const pick = (number: string) => page.getByLabel(`Seleccionar ${number}`).check();
    const bulk = page.getByRole('region', { name: 'Acciones en grupo' });

    await pick(first.number);
    await pick(atL2.number);
    await bulk.getByRole('button', { name: 'Asignar', exact: true }).click();
    await bulk.getByRole('button', { name: 'Aplicar a 2' }).click();
    await bulk.getByText(`${first.number}: ✓ asignado`).waitFor();
    await bulk.getByText(`${atL2.number}: ✗ ${L1.name} es de L1 y el ticket está en L2`).waitFor();
    await screenshotBothSizes(page, SUITE, '05-bulk-assign');
    await bulk.getByRole('button', { name: 'Quitar selección' }).click();

    await pick(first.number);
    await pick(second.number);
    await bulk.getByRole('button', { name: 'Fusionar', exact: true }).click();
    await bulk.getByLabel(/Fusionar en el ticket/).fill(`IF-${Number(target.number.slice(3))}`);
    await bulk.getByRole('button', { name: 'Aplicar a 2' }).click();
    await bulk.getByText(`${second.number}: ✓ fusionado`).waitFor();
    const merged = await env.query<{ status: string }>(`SELECT status FROM tickets WHERE id = ANY($1)`, [[first.id, second.id]]);
    expect(merged.map((ticket) => ticket.status)).toEqual(['merged', 'merged']);
    await bulk.getByRole('button', { name: 'Quitar selección' }).click();

    await pick(target.number);
    await pick(tickets[3]!.number);
    await bulk.getByRole('button', { name: 'Resolver', exact: true }).click();
    await bulk.getByLabel('Solución (la recibe cada cliente)').fill('Quedó corregido el timbrado.');
    await bulk.getByRole('button', { name: 'Aplicar a 2' }).click();
    await bulk.getByText(`${target.number}: ✓ resuelto`).waitFor();
    await bulk.getByText(`${tickets[3]!.number}: ✓ resuelto`).waitFor();
  });

  it('should keep filters in the address (reload, shared link, new tab without signing in again) and save named views', async () => {
    const page = await signIn(L1);
    await page.getByRole('button', { name: /^Filtros/ }).click();
    await page.getByLabel('Severidad', { exact: true }).selectOption('0');
    await eventually(async () => (page.url().includes('severity=0') ? true : undefined), { what: 'the filter in the address' });
    await page.reload();
    await page.getByRole('button', { name: 'Filtros (1)' }).waitFor();
    await page.getByRole('button', { name: 'Filtros (1)' }).click();
    expect(await page.getByLabel('Severidad', { exact: true }).inputValue()).toBe('0');
    // The filters show from the address at once; the list arrives a moment later.
    await page.locator('.ticket-row').first().waitFor();
    const severities = await page.locator('.ticket-row .badge.sev').allTextContents();
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.every((text) => text.startsWith('Sev 0'))).toBe(true);

    await page.getByRole('button', { name: 'Guardar vista' }).click();
    await page.getByLabel('Nombre de la vista').fill('Caídas');
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await eventually(async () => (page.url().includes('severity') ? undefined : true), { what: 'the filter gone from the address' });
    await page.getByLabel('Vistas guardadas').selectOption({ label: 'Caídas' });
    await eventually(async () => (page.url().includes('severity=0') ? true : undefined), { what: 'the view applied' });
    await screenshotBothSizes(page, SUITE, '06-saved-view');

    // The same link in a new tab: the session comes from this tab, nothing is stored on disk.
    const critical = tickets[0]!;
    const link = `${base}/inbox#severity=0&ticket=${critical.number}`;
    const second = await page.context().newPage();
    await second.goto(link);
    await second.locator('#ticket-title', { hasText: critical.number }).waitFor();
    await second.getByRole('button', { name: 'Filtros (1)' }).waitFor();
    const token = await page.evaluate<string>(`sessionStorage.getItem('ventanilla.accessToken')`);
    expect(token).toBeTruthy();
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(token);
    expect(await page.context().cookies()).toEqual([]);

    // Signing out in one tab signs out every tab; with every tab closed, the session is gone.
    await second.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    await page.close();
    await second.close();
    const third = await contexts[contexts.length - 1]!.newPage();
    await third.goto(link);
    await third.getByRole('button', { name: 'Entrar' }).waitFor();
  });

  it('should fit a phone: no sideways scroll, sign-out reachable, list → ticket → back, composer always on screen; compact filters at 1366', async () => {
    const phone = await signIn(L1, { screen: 'phone' });
    await phone.locator('.ticket-row').first().waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
    const signOut = (await phone.getByRole('button', { name: 'Cerrar sesión' }).boundingBox())!;
    expect(signOut.x).toBeGreaterThanOrEqual(0);
    expect(signOut.x + signOut.width).toBeLessThanOrEqual(SCREENS.phone.width);
    expect(await phone.locator('#filter-fields').isVisible()).toBe(false);

    const number = (await phone.locator('.ticket-row').first().getAttribute('data-number'))!;
    await openTicket(phone, number);
    expect(await phone.locator('#ticket-list').isVisible()).toBe(false);
    const composer = (await phone.getByLabel('Respuesta', { exact: true }).boundingBox())!;
    expect(composer.y + composer.height).toBeLessThanOrEqual(SCREENS.phone.height);
    await phone.locator('.detail-body').evaluate((body) => (body as unknown as { scrollTop: number; scrollHeight: number }).scrollTop = 100_000);
    const stillThere = (await phone.getByLabel('Respuesta', { exact: true }).boundingBox())!;
    expect(stillThere.y + stillThere.height).toBeLessThanOrEqual(SCREENS.phone.height);
    expect(await horizontalOverflow(phone)).toBe(0);
    await screenshotBothSizes(phone, SUITE, '07-ticket-on-phone');

    await phone.getByRole('button', { name: '← Volver a la lista' }).click();
    await phone.locator('#ticket-list').waitFor();
    await openTicket(phone, number);
    await phone.goBack();
    await phone.locator('#ticket-list').waitFor();
    expect(await phone.locator('.detail').count()).toBe(0);

    const desktop = await signIn(L1);
    await desktop.locator('.ticket-row').nth(6).waitFor();
    const filters = (await desktop.locator('.filters').boundingBox())!;
    expect(filters.height).toBeLessThan(120);
    const list = (await desktop.locator('#ticket-list').boundingBox())!;
    const visible = await desktop.locator('.ticket-row').evaluateAll(
      (rows, bottom) => rows.filter((element) => (element as unknown as { getBoundingClientRect(): { bottom: number } }).getBoundingClientRect().bottom <= bottom).length,
      list.y + list.height,
    );
    expect(visible).toBeGreaterThanOrEqual(6);
    await screenshotBothSizes(desktop, SUITE, '08-list');
  });

  it('should find a ticket by short number forms and a 10-digit phone, merge by a short form, and say so when nothing matches', async () => {
    const caller = await seed({ email: customerAddress('llamada'), subject: 'Llamada: no llega el acuse', severity: 2, channel: 'phone' });
    await env.query(`UPDATE contacts SET phone = '+528112345678' WHERE id = (SELECT contact_id FROM tickets WHERE id = $1)`, [caller.id]);
    const digits = String(Number(caller.number.slice(3)));
    const duplicate = await seed({ email: customerAddress('llamada-2'), subject: 'Llamada repetida', severity: 2, channel: 'phone' });
    await env.query(`UPDATE tickets SET contact_id = (SELECT contact_id FROM tickets WHERE id = $1) WHERE id = $2`, [caller.id, duplicate.id]);
    const page = await signIn(L1, { screen: 'phone' });
    const search = page.getByLabel('Buscar tickets');
    for (const form of [digits, caller.number.slice(3), `IF-${digits}`, `if ${digits}`, '81 1234 5678', '(81) 1234-5678']) {
      await search.fill(form);
      await eventually(async () => ((await page.locator('.ticket-row').first().getAttribute('data-number')) === caller.number ? true : undefined), {
        what: `${caller.number} first for "${form}"`,
      });
    }
    await search.fill('zzz-nada-que-ver');
    await page.getByText('Ningún ticket coincide con «zzz-nada-que-ver»').waitFor();
    await screenshotBothSizes(page, SUITE, '09-search-no-results');
    await page.getByRole('button', { name: 'Quitar búsqueda y filtros' }).click();
    expect(await search.inputValue()).toBe('');

    await openTicket(page, duplicate.number);
    const toolbar = page.getByRole('toolbar', { name: 'Acciones del ticket' });
    await toolbar.getByRole('button', { name: 'Fusionar en otro ticket' }).click();
    await page.locator('.action-form textarea').fill(tickets[5]!.number.slice(3));
    await page.getByRole('button', { name: 'Confirmar: Fusionar en otro ticket' }).click();
    await page.getByRole('alert').filter({ hasText: 'Solo se pueden fusionar tickets del mismo cliente.' }).waitFor();
    await page.locator('.action-form textarea').fill(digits);
    await page.getByRole('button', { name: 'Confirmar: Fusionar en otro ticket' }).click();
    await page.getByRole('button', { name: `Fusionado en ${caller.number}` }).waitFor();
  });

  it('should replace thin empty states: no maintenance yet, availability without enough data, reports in Spanish', async () => {
    const page = await signIn(L1);
    const sections = page.getByRole('navigation', { name: 'Secciones' });
    await sections.getByRole('button', { name: 'Mantenimiento' }).click();
    await page.getByText('No hay mantenimientos programados.').waitFor();
    await page.getByText('Solo un administrador los programa.').waitFor();
    await screenshotBothSizes(page, SUITE, '10-maintenance-empty');
    await sections.getByRole('button', { name: 'Reportes' }).click();
    await page.locator('.reports .insufficient', { hasText: 'sin datos suficientes' }).first().waitFor();
    expect(await page.locator('.reports tr.missed').count()).toBe(0);
    // The SLA table and the satisfaction table both have a row per channel.
    await page.getByRole('cell', { name: 'Canal Correo' }).first().waitFor();
    expect(await page.locator('.reports').textContent()).not.toMatch(/Canal (email|chat|phone)\b/);
    await screenshotBothSizes(page, SUITE, '11-reports');
  });

  it('should let an administrator change an agent’s role, reset a password, and deactivate only after confirming', async () => {
    const page = await signIn(ADMIN, { screen: 'phone' });
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Agentes' }).click();
    await page.getByLabel(`Rol de ${L2.name}`).selectOption('admin');
    await page.getByRole('status').filter({ hasText: `${L2.name} ahora es Administrador.` }).waitFor();
    const agents = async () => (await admin.get<ItemsJson<AgentJson>>('/api/agents')).body.items.find((agent) => agent.email === L2.email)!;
    expect((await agents()).role).toBe('admin');

    const row = page.locator('tr', { hasText: L2.email });
    await row.getByRole('button', { name: 'Restablecer contraseña' }).click();
    await page.getByLabel(`Nueva contraseña para ${L2.name} (mínimo 10 caracteres)`).fill('nueva-clave-de-omar');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByRole('status').filter({ hasText: `Contraseña de ${L2.name} restablecida` }).waitFor();
    await ApiClient.signIn(base, { email: L2.email, password: 'nueva-clave-de-omar' });

    await row.getByRole('button', { name: 'Desactivar' }).click();
    await row.getByText(`¿Desactivar a ${L2.name}?`).waitFor();
    await screenshotBothSizes(page, SUITE, '12-agents-confirm');
    expect((await agents()).active).toBe(true);
    await row.getByRole('button', { name: 'Sí, desactivar' }).click();
    await page.getByRole('status').filter({ hasText: `${L2.name} quedó desactivado.` }).waitFor();
    expect((await agents()).active).toBe(false);

    await page.getByLabel('Nombre').fill('Ana Otra');
    await page.getByLabel('Correo', { exact: true }).fill(L1.email);
    await page.getByLabel('Contraseña inicial (mínimo 10 caracteres)').fill('clave-suficiente-1');
    await page.getByRole('button', { name: 'Crear agente' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ya existe un agente con ese correo.' }).waitFor();

    // The deactivated agent keeps its history under a name the administrator may correct.
    await row.getByRole('button', { name: 'Cambiar nombre' }).click();
    await page.getByLabel(`Nombre de ${L2.name} (lo leen los clientes en las respuestas)`).fill('Omar Operaciones Ruiz');
    await page.getByRole('button', { name: 'Guardar nombre' }).click();
    await page.getByRole('status').filter({ hasText: `${L2.name} ahora se llama Omar Operaciones Ruiz.` }).waitFor();
    expect((await agents()).name).toBe('Omar Operaciones Ruiz');

    // Renaming oneself shows in the header at once, without signing in again.
    const mine = page.locator('tr', { hasText: ADMIN.email });
    await mine.getByRole('button', { name: 'Cambiar nombre' }).click();
    await mine.getByRole('textbox').fill('Mesa de Ayuda Interfactura');
    await mine.getByRole('button', { name: 'Guardar nombre' }).click();
    // (On a phone the header hides the name for room; it is there for wider screens.)
    await page.locator('.me', { hasText: 'Mesa de Ayuda Interfactura · Administrador' }).waitFor({ state: 'attached' });
  });

  it('should have a skip link to the list and no serious or critical accessibility violations in the inbox, the login and the chat widget', async () => {
    const found: string[] = [];
    const check = async (page: Page, what: string) => {
      for (const screen of ['desktop', 'phone'] as Screen[]) {
        await page.setViewportSize(SCREENS[screen]);
        for (const violation of await seriousAccessibilityViolations(page)) {
          found.push(`${what} at ${SCREENS[screen].width} px: ${violation.id} (${violation.impact}) ${violation.help} ${JSON.stringify(violation.nodes.slice(0, 3).map((node) => node.target))}`);
        }
      }
    };

    const login = await (await browser.newContext({ locale: 'es-MX', viewport: SCREENS.desktop })).newPage();
    contexts.push(login.context());
    await login.goto(`${base}/inbox`);
    await login.getByRole('button', { name: 'Entrar' }).waitFor();
    await check(login, 'login');
    // Wrong credentials mark both fields, tied to the message (the page then starts with its skip links, below).
    await login.getByLabel('Correo').fill(L1.email);
    await login.getByLabel('Contraseña').fill('no-es-la-clave');
    await login.getByRole('button', { name: 'Entrar' }).click();
    await login.getByRole('alert').filter({ hasText: 'Correo o contraseña incorrectos.' }).waitFor();
    for (const field of ['Correo', 'Contraseña']) {
      expect(await login.getByLabel(field).getAttribute('aria-invalid')).toBe('true');
      expect(await login.getByLabel(field).getAttribute('aria-describedby')).toBe('login-error');
    }

    const page = await signIn(L1);
    await page.locator('.ticket-row').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Saltar a la lista de tickets');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('ticket-list');
    let presses = 0;
    while (!(await page.evaluate<boolean>(`document.activeElement.classList.contains('ticket-row')`)) && presses < 20) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(presses).toBeLessThanOrEqual(8);
    await check(page, 'inbox list');
    await openTicket(page, tickets[1]!.number);
    await check(page, 'inbox ticket');

    const widget = await (await browser.newContext({ locale: 'es-MX', viewport: SCREENS.desktop })).newPage();
    contexts.push(widget.context());
    await widget.goto(`${base}/chat-demo`);
    await widget.getByRole('button', { name: 'Abrir el chat con Soporte Interfactura' }).click();
    await widget.getByLabel('Nombre').waitFor();
    await check(widget, 'chat widget');
    expect(found).toEqual([]);
  });
});
