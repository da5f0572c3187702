import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient, ADMIN } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, signInToInbox } from '../../../test/support/browser.js';
import { DovecotServer } from '../../../test/support/dovecot.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { buildMail } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';

const CUSTOMER = 'lorena@maciel-electricos.example';
const AGENTS = {
  l1: { name: 'Ana Help Desk', email: 'ana@interfactura.com', tier: 'L1' as const },
  l2: { name: 'Omar Operaciones', email: 'omar@interfactura.com', tier: 'L2' as const },
  l3: { name: 'Dora Desarrollo', email: 'dora@interfactura.com', tier: 'L3' as const },
};

describe('the agents’ inbox in a browser (Chromium) against the real system', () => {
  let env: TestEnvironment;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  async function signIn(agent: { email: string }): Promise<Page> {
    const page = await signInToInbox(browser, base, { email: agent.email, password: agent.email === ADMIN.email ? ADMIN.password : `clave-${agent.email}` });
    contexts.push(page.context());
    return page;
  }

  async function openTicket(page: Page, subject: string): Promise<void> {
    await page.locator('.ticket-row', { hasText: subject }).click();
    await page.locator('#ticket-title', { hasText: subject }).waitFor();
  }

  async function act(page: Page, action: string, text?: string): Promise<void> {
    await page.getByRole('toolbar', { name: 'Acciones del ticket' }).getByRole('button', { name: action }).click();
    if (text !== undefined) await page.locator('.action-form textarea').fill(text);
    await page.getByRole('button', { name: `Confirmar: ${action}` }).click();
    await page.locator('.action-form').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    env = await TestEnvironment.create('inbox-browser');
    dovecot = await DovecotServer.start();
    sink = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port) })).start();
    worker = await new AppProcess('worker', env.processEnv({ ...dovecot.imapEnv(), SMTP_URL: sink.url })).start();
    const admin = await ApiClient.signIn(base, ADMIN);
    for (const agent of Object.values(AGENTS)) await admin.createAgent(agent);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await gateway?.stop();
    await worker?.stop();
    await sink?.close();
    await dovecot?.destroy();
    await env?.close();
  });

  it('should show a mailed ticket live, send the reply by mail, and walk L1 → L2 → L3 → pending release → resolved', async () => {
    const l1 = await signIn(AGENTS.l1);
    const subject = 'Timbrado de nómina falla en todas las sucursales';
    const mail = buildMail({ from: CUSTOMER, fromName: 'Lorena Maciel', subject, text: 'Ningún recibo de nómina timbra desde hoy en la mañana, en ninguna sucursal.' });
    await dovecot.append(mail.raw);

    // It appears without reloading the page.
    await l1.locator('.ticket-row', { hasText: subject }).waitFor({ timeout: 20_000 });
    await screenshot(l1, 'inbox', '01-list-with-new-ticket');
    await openTicket(l1, subject);
    await l1.getByText('Ningún recibo de nómina timbra').waitFor();
    await expect(l1.locator('.reply-destination').textContent()).resolves.toContain(`por correo a ${CUSTOMER}`);

    await l1.getByLabel('Respuesta', { exact: true }).fill('Hola Lorena, ya lo estamos revisando con Operaciones.');
    await l1.getByRole('button', { name: 'Enviar respuesta' }).click();
    const reply = await sink.waitFor((sent) => sent.envelopeTo.includes(CUSTOMER) && sent.parsed.text!.includes('ya lo estamos revisando'), 'the reply mail');
    expect(reply.parsed.inReplyTo).toBe(`<${mail.messageId}>`);
    expect(reply.parsed.subject).toMatch(/^Re: \[IF-\d{6}\] /);
    await l1.locator('.delivery-sent', { hasText: CUSTOMER }).first().waitFor();
    await screenshot(l1, 'inbox', '02-ticket-replied');

    await act(l1, 'Escalar al siguiente nivel', 'Falla general del timbrado de nómina');
    await l1.locator('.detail-header .badge', { hasText: 'L2 · Operaciones' }).waitFor();

    const l2 = await signIn(AGENTS.l2);
    await openTicket(l2, subject);
    await act(l2, 'Escalar al siguiente nivel', 'Defecto en el complemento de nómina');

    const l3 = await signIn(AGENTS.l3);
    await openTicket(l3, subject);
    await screenshot(l3, 'inbox', '03-l3-sees-the-ticket');
    await act(l3, 'Corrección lista (a Operaciones)', 'Corregido el cálculo de ISR en el complemento');
    await l3.getByRole('status').getByText('Listo: el ticket pasó a otro nivel y ya no está en tu vista.').waitFor();

    await l2.locator('.detail-header .badge', { hasText: 'Pendiente de liberación' }).waitFor();
    await act(l2, 'Liberada a producción (a Help Desk)', 'Liberado 14:05');

    await l1.locator('.detail-header .badge', { hasText: 'L1 · Help Desk' }).waitFor();
    const resolution = 'Corregimos el timbrado de recibos de nómina; ya puede timbrarlos en todas sus sucursales.';
    await act(l1, 'Resolver', resolution);
    await l1.locator('.detail-header .badge', { hasText: 'Resuelto' }).waitFor();
    await screenshot(l1, 'inbox', '04-resolved');

    // What the customer received: the confirmation, the reply, the solution and the survey, all by mail.
    await sink.waitFor((sent) => sent.envelopeTo.includes(CUSTOMER) && sent.parsed.text!.includes(resolution), 'the resolution mail');
    await sink.waitFor((sent) => sent.envelopeTo.includes(CUSTOMER) && Boolean(sent.parsed.subject?.endsWith('¿Cómo te atendimos?')), 'the survey mail');
    const received = sink.to(CUSTOMER).map((sent) => sent.parsed.subject);
    expect(received).toEqual([
      expect.stringMatching(/^\[IF-\d{6}\] Recibimos tu solicitud: Timbrado de nómina/),
      expect.stringMatching(/^Re: \[IF-\d{6}\] Timbrado de nómina/),
      expect.stringMatching(/^\[IF-\d{6}\] Tu ticket quedó resuelto$/),
      expect.stringMatching(/^\[IF-\d{6}\] ¿Cómo te atendimos\?$/),
    ]);
    const timeline = await l1.locator('.timeline').textContent();
    for (const step of ['escaló de L1 a L2', 'escaló de L2 a L3', 'entregó la corrección a Operaciones', 'liberó la corrección a producción', 'resolvió el ticket']) {
      expect(timeline).toContain(step);
    }
  });

  it('should show who else is viewing the same ticket', async () => {
    const subject = 'Dos agentes en el mismo ticket';
    await dovecot.append(buildMail({ from: 'choque@ejemplo.example', subject, text: '¿Cómo agrego una serie?' }).raw);
    const first = await signIn(AGENTS.l1);
    await first.locator('.ticket-row', { hasText: subject }).waitFor({ timeout: 20_000 });
    await openTicket(first, subject);
    const admin = await signIn(ADMIN_AGENT);
    await openTicket(admin, subject);
    await first.locator('.presence', { hasText: 'También viendo: Administrador' }).waitFor();
    await admin.getByLabel('Respuesta', { exact: true }).fill('Escribiendo…');
    await first.locator('.presence', { hasText: 'Administrador está escribiendo' }).waitFor();
    await screenshot(first, 'inbox', '05-collision');
  });

  it('should show a chat customer that the agent is typing a reply, but not an internal note', async () => {
    const customer = await ChatTestClient.connect(base);
    try {
      const started = await customer.start({ name: 'Rubén Salinas', email: 'ruben@salinas.example', message: '¿Dónde descargo el acuse de cancelación?' });
      customer.useToken(started.token);
      const ticketNumber = (await customer.waitFor('ticket:confirmed')).ticketNumber as string;
      const agent = await signIn(AGENTS.l1);
      const colleague = await signIn(ADMIN_AGENT);
      for (const page of [agent, colleague]) {
        await page.locator(`.ticket-row[data-number="${ticketNumber}"]`).click({ timeout: 20_000 });
        await page.locator('.detail-header', { hasText: ticketNumber }).waitFor();
      }

      await agent.getByLabel('Nota interna').check();
      await agent.getByLabel('Nota', { exact: true }).fill('Revisar si ya tiene el acuse en el buzón tributario');
      // The colleague sees it, so the server has handled it; the customer must not.
      await colleague.locator('.presence', { hasText: `${AGENTS.l1.name} está escribiendo` }).waitFor();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(customer.events('agent:typing')).toEqual([]);

      await agent.getByLabel(/Respuesta al cliente/).check();
      await agent.getByLabel('Respuesta', { exact: true }).fill('Hola Rubén, el acuse está en Facturas → Canceladas.');
      expect(await customer.waitFor('agent:typing')).toEqual({ typing: true, agentName: AGENTS.l1.name });
      await agent.getByRole('button', { name: 'Enviar respuesta' }).click();
      await customer.waitFor('agent:message', (message) => String(message.text).includes('Facturas → Canceladas'));
    } finally {
      customer.close();
    }
  });

  it('should let an administrator manage agents, read the reports and schedule maintenance', async () => {
    const page = await signIn(ADMIN_AGENT);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Agentes' }).click();
    await page.getByLabel('Nombre').fill('Nora Nueva');
    await page.getByLabel('Correo', { exact: true }).fill('nora@interfactura.com');
    await page.getByLabel('Contraseña inicial (mínimo 10 caracteres)').fill('clave-de-nora-123');
    await page.locator('.new-agent select').first().selectOption('L2');
    await page.getByRole('button', { name: 'Crear agente' }).click();
    await page.locator('.agents td', { hasText: 'nora@interfactura.com' }).waitFor();
    await screenshot(page, 'inbox', '07-agents');

    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Reportes' }).click();
    await page.getByText('Disponibilidad (meta 99.3 %').waitFor();
    await page.locator('.reports table').first().locator('td', { hasText: new Date().toISOString().slice(0, 7) }).waitFor();
    await page.getByRole('columnheader', { name: 'Atendidos a tiempo (2 h)' }).waitFor();
    await screenshot(page, 'inbox', '08-reports');

    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: 'Mantenimiento' }).click();
    const start = new Date(Date.now() + 8 * 24 * 3_600_000);
    await page.getByLabel('Inicio (hora del centro de México)').fill(localInput(start));
    await page.getByLabel('Fin (hora del centro de México)').fill(localInput(new Date(start.getTime() + 4 * 3_600_000)));
    await page.getByLabel('Qué se hará (lo leen los clientes)').fill('Actualización de servidores de timbrado.');
    await page.getByRole('button', { name: 'Programar y avisar' }).click();
    await page.getByRole('status').filter({ hasText: /^Mantenimiento programado\. (Enviamos el aviso a \d+ clientes? recientes?, por correo o, a quien solo conocemos por teléfono, por SMS|Nadie recibió aviso: ningún cliente reciente tiene un correo confirmado ni un teléfono)\. El chat y el menú telefónico lo anuncian mientras dura\.$/ }).waitFor();
    await page.locator('.maintenance li', { hasText: 'Actualización de servidores de timbrado.' }).waitFor();
    await screenshot(page, 'inbox', '09-maintenance');
  });

  it('should flag a missed call for a call back until an agent records that they returned it', async () => {
    const subject = 'Llamada perdida de Ferretería Garza';
    const seeded = await seedTicket(env, { email: 'compras@ferreteria-garza.example', subject, severity: 1, channel: 'phone' });
    await env.query(`INSERT INTO phone_calls (call_sid, caller, ticket_id, missed) VALUES ($1, '+528112345678', $2, true)`, [`CA${seeded.id.replace(/-/g, '')}`, seeded.id]);
    await env.query(`UPDATE tickets SET callback_requested = true WHERE id = $1`, [seeded.id]);

    const page = await signIn(AGENTS.l1);
    await page.locator('.ticket-row', { hasText: subject }).getByText('Devolver llamada').waitFor();
    await openTicket(page, subject);
    const header = page.locator('.detail-header');
    await header.getByText('Devolver llamada').waitFor();
    await act(page, 'Llamada devuelta', 'Se le explicó cómo reintentar el timbrado');

    await page.getByText('Ana Help Desk devolvió la llamada: Se le explicó cómo reintentar el timbrado').waitFor();
    await header.getByText('Devolver llamada').waitFor({ state: 'detached' });
    await page.locator('.ticket-row', { hasText: subject }).getByText('Devolver llamada').waitFor({ state: 'detached' });
    await screenshot(page, 'inbox', '07-call-back-recorded');

    // A reply to a caller goes by SMS: the box counts what the carrier bills as the agent types.
    await page.getByRole('textbox', { name: 'Respuesta' }).fill('Listo, ya puede timbrar.');
    await page.locator('.sms-size').getByText('Tu texto: 24 caracteres · 1 SMS').waitFor();
    await page.getByRole('textbox', { name: 'Respuesta' }).fill('Ya quedó: reintente el timbrado desde Facturación.');
    await page.locator('.sms-size').getByText('Tu texto: 50 caracteres · 1 SMS (con acentos o símbolos: hasta 70 caracteres por SMS)').waitFor();
    await page.getByRole('textbox', { name: 'Respuesta' }).fill('');
  });

  it('should let L3 send back a ticket that is not a defect to the L2 agent who escalated it, who reads why', async () => {
    const subject = 'No puedo timbrar facturas de anticipo';
    const seeded = await seedTicket(env, { email: 'pagos@abarrotes-leal.example', subject, severity: 2 });
    const password = (agent: { email: string }) => `clave-${agent.email}`;
    const l1Api = await ApiClient.signIn(base, { email: AGENTS.l1.email, password: password(AGENTS.l1) });
    const l2Api = await ApiClient.signIn(base, { email: AGENTS.l2.email, password: password(AGENTS.l2) });
    expect((await l1Api.post(`/api/tickets/${seeded.number}/escalate`, { reason: 'Parece falla del PAC' })).status).toBe(200);
    expect((await l2Api.post(`/api/tickets/${seeded.number}/escalate`, { reason: 'Posible defecto en anticipos' })).status).toBe(200);

    const l3 = await signIn(AGENTS.l3);
    await openTicket(l3, subject);
    const reason = 'No es un defecto: el cliente usa la clave de producto equivocada para anticipos.';
    await act(l3, 'Devolver a L2 (Operaciones)', reason);
    await l3.getByRole('status').getByText('Listo: el ticket pasó a otro nivel y ya no está en tu vista.').waitFor();

    const l2 = await signIn(AGENTS.l2);
    await openTicket(l2, subject);
    await l2.locator('.detail-header .badge', { hasText: 'L2 · Operaciones' }).waitFor();
    await l2.getByText(`Dora Desarrollo devolvió el ticket de L3 a L2: ${reason}`).waitFor();
    await l2.getByText('El ticket regresó a Omar Operaciones, quien lo había escalado').waitFor();
    // From L2 it can go back once more, to Help Desk; never further down than L1.
    await l2.getByRole('toolbar', { name: 'Acciones del ticket' }).getByRole('button', { name: 'Devolver a L1 (Help Desk)' }).waitFor();
    await screenshot(l2, 'inbox', '10-sent-back-to-l2');
  });

  it('should warn before a status update goes out with nothing new to say, until the agent writes the progress', async () => {
    const subject = 'Complemento de pago sin timbrar';
    const seeded = await seedTicket(env, { email: 'cobranza@mueblerialuna.example', subject, severity: 1 });
    await env.query(`UPDATE tickets SET next_update_due_at = now() + interval '12 minutes' WHERE id = $1`, [seeded.id]);

    const page = await signIn(AGENTS.l1);
    await page.locator('.ticket-row', { hasText: subject }).locator('.badge.update-due', { hasText: /^Actualización al cliente en 1[12] min$/ }).waitFor();
    await openTicket(page, subject);
    const warning = page.locator('.update-warning');
    await warning.getByText('sin un avance nuevo, el cliente leerá solo que seguimos trabajando').waitFor();
    await screenshot(page, 'inbox', '11-status-update-due');

    await page.locator('.progress-note').getByRole('button', { name: 'Editar' }).click();
    await page.getByLabel('Avance que leerá el cliente en la próxima actualización').fill('El PAC confirmó la falla; esperamos su corrección hoy antes de las 18:00.');
    await page.getByRole('button', { name: 'Guardar avance' }).click();
    await page.locator('.progress-note', { hasText: 'El PAC confirmó la falla' }).waitFor();
    await warning.waitFor({ state: 'detached' });
  });

  it('should hold a reply back when another agent answered the customer while it was being written, though the page showed it live', async () => {
    const subject = 'Factura con RFC equivocado';
    const customer = 'compras@papeleria-norte.example';
    const seeded = await seedTicket(env, { email: customer, subject, severity: 2 });
    const page = await signIn(AGENTS.l1);
    await openTicket(page, subject);
    await page.getByLabel('Respuesta', { exact: true }).fill('Hola, ¿nos confirma el RFC correcto?');

    // Meanwhile an administrator answers; the agent's page shows it live.
    const admin = await ApiClient.signIn(base, ADMIN);
    expect((await admin.post(`/api/tickets/${seeded.number}/replies`, { body: 'Ya corregimos el RFC y reenviamos la factura.' })).status).toBe(201);
    await page.getByText('Ya corregimos el RFC y reenviamos la factura.').waitFor();

    await page.getByRole('button', { name: 'Enviar respuesta' }).click();
    await page.getByRole('alert').getByText('El ticket cambió mientras escribías').waitFor();
    await sink.waitFor((sent) => sent.envelopeTo.includes(customer) && sent.parsed.text!.includes('Ya corregimos el RFC'), 'the administrator’s reply');
    expect(sink.to(customer).filter((sent) => sent.parsed.text!.includes('nos confirma el RFC'))).toEqual([]);
    await page.getByRole('button', { name: 'Enviar de todos modos' }).click();
    await sink.waitFor((sent) => sent.envelopeTo.includes(customer) && sent.parsed.text!.includes('nos confirma el RFC'), 'the reply sent anyway');
  });

  it('should say the session ended when the agent’s password is reset mid-reply, and give the draft back after signing in again', async () => {
    const subject = 'Descarga masiva sin XML';
    await seedTicket(env, { email: 'sistemas@imprenta-sol.example', subject, severity: 3 });
    const admin = await ApiClient.signIn(base, ADMIN);
    const temp = { name: 'Tere Temporal', email: 'tere.temporal@interfactura.com', tier: 'L1' as const };
    await admin.createAgent(temp);
    const agents = (await admin.get<{ items: Array<{ id: string; email: string }> }>('/api/agents')).body.items;
    const page = await signInToInbox(browser, base, { email: temp.email, password: `clave-${temp.email}` });
    contexts.push(page.context());
    await openTicket(page, subject);
    const draft = 'Hola, para descargar sus XML entre al portal y elija Descarga masiva';
    await page.getByLabel('Respuesta', { exact: true }).fill(draft);

    const tere = agents.find((agent) => agent.email === temp.email)!;
    expect((await admin.patch(`/api/agents/${tere.id}`, { password: 'una frase nueva para tere' })).status).toBe(200);
    await page.getByRole('status').getByText('Tu sesión terminó').waitFor();

    await page.getByLabel('Correo').fill(temp.email);
    await page.getByLabel('Contraseña').fill('una frase nueva para tere');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await openTicket(page, subject);
    expect(await page.getByLabel('Respuesta', { exact: true }).inputValue()).toBe(draft);
  });

  it('should show a mail’s HTML with scripts and onerror handlers inert', async () => {
    const subject = 'Correo con HTML peligroso';
    await dovecot.append(
      buildMail({
        from: 'malicioso@ejemplo.example',
        subject,
        text: 'Texto visible del cliente',
        html: '<p>Texto visible del cliente</p><img src="x" onerror="parent.window.__pwned = 1"><script>parent.window.__pwned = 2</script><a href="javascript:parent.window.__pwned=3">clic</a>',
      }).raw,
    );
    const page = await signIn(AGENTS.l1);
    await page.locator('.ticket-row', { hasText: subject }).waitFor({ timeout: 20_000 });
    await openTicket(page, subject);
    await page.getByRole('button', { name: 'Ver formato original (sin contenido remoto)' }).click();
    const frame = page.frameLocator('iframe.mail-html');
    await frame.getByText('Texto visible del cliente').waitFor();
    await frame.getByText('clic').click().catch(() => undefined);
    expect(await frame.locator('script, [onerror], img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'inbox', '06-html-mail-inert');
  });
});

const ADMIN_AGENT = { email: ADMIN.email };

/** "2026-12-08T10:00" in Mexico City time (UTC-6), as the maintenance form reads it. */
const localInput = (date: Date): string => new Date(date.getTime() - 6 * 3_600_000).toISOString().slice(0, 16);
