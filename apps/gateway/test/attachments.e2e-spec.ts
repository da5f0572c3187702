import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sharedFileUrl } from '../../../libs/tickets/src/attachments/file-link-signature.js';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signInToInbox, SCREENS, startWidgetChat } from '../../../test/support/browser.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';

const SUITE = 'attachments';
const MAX_BYTES = 200_000;
const UPLOADS_PER_HOUR = 4;
const L1 = { name: 'Ana Help Desk', email: 'ana.adjuntos@interfactura.com', tier: 'L1' as const };

/** A real (tiny) PNG: signature, IHDR, IDAT, IEND, with random bytes after so each file differs. */
const png = (): Buffer =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a1a7b2f70000000049454e44ae426082', 'hex'),
    randomBytes(64),
  ]);
const pdf = (): Buffer => Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), randomBytes(200), Buffer.from('\n%%EOF\n')]);

interface TicketJson {
  number: string;
  channel: string;
  messages: Array<{ id: string; direction: string; text: string; attachments: Array<{ id: string; filename: string; contentType: string; url: string | null }> }>;
}

/** Files both ways (issue 16): agents' replies by mail and chat, customers' screenshots from the widget, limits, retention. */
describe('attachments both ways (Chromium, SMTP sink, real gateway and worker)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let base: string;
  let admin: ApiClient;
  const contexts: BrowserContext[] = [];

  const ticket = async (number: string) => (await admin.get<TicketJson>(`/api/tickets/${number}`)).body;
  const newPage = async (width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width, height }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
  const agentPage = async (screen: keyof typeof SCREENS = 'desktop'): Promise<Page> => {
    const page = await signInToInbox(browser, base, { email: L1.email, password: `clave-${L1.email}` }, { screen, context: { acceptDownloads: true } });
    contexts.push(page.context());
    page.setDefaultTimeout(15_000);
    return page;
  };
  const openTicket = async (page: Page, number: string): Promise<void> => {
    await page.locator(`.ticket-row[data-number="${number}"]`).click({ timeout: 20_000 });
    await page.locator('#ticket-title', { hasText: number }).waitFor();
  };
  const startChat = (page: Page, label: string): Promise<string> =>
    startWidgetChat(page, base, { email: customerAddress(label), message: 'Al timbrar me sale un error, les mando la captura.' });
  /** As the widget sends it from a page (`origin`: the gateway's own unless told). */
  const uploadAsCustomer = (token: string, file: { name: string; content: Buffer; type?: string }, extra: Record<string, string> = {}, origin = base) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(extra)) form.set(name, value);
    form.set('file', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
    return fetch(`${base}/chat/files`, { method: 'POST', headers: { 'x-chat-token': token, origin }, body: form });
  };
  /** The origin whose page may read the answer (CORS), if any. */
  const readableBy = (response: Response) => response.headers.get('access-control-allow-origin');
  const replyWithFile = (number: string, file: { name: string; content: Buffer }, body = 'Le comparto el documento.') => {
    const form = new FormData();
    form.set('body', body);
    form.set('file', new Blob([new Uint8Array(file.content)]), file.name);
    return fetch(`${base}/api/tickets/${number}/replies`, { method: 'POST', headers: { authorization: `Bearer ${admin.accessToken}` }, body: form });
  };

  beforeAll(async () => {
    env = await TestEnvironment.create(SUITE);
    sink = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const shared = { PUBLIC_BASE_URL: base, SMTP_URL: sink.url, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) };
    [gateway, worker, browser] = await Promise.all([
      new AppProcess('gateway', env.processEnv({ ...shared, PORT: String(port), CHAT_UPLOADS_PER_HOUR: String(UPLOADS_PER_HOUR) })).start(),
      new AppProcess('worker', env.processEnv({ ...shared, RETENTION_ATTACHMENT_DAYS: '30', RETENTION_INTERVAL_MS: '300' })).start(),
      launchBrowser(),
    ]);
    admin = await ApiClient.signIn(base, ADMIN);
    await admin.createAgent(L1);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all([gateway?.stop(), worker?.stop()]);
    await sink?.close();
    await env?.close();
  });

  for (const screen of ['desktop', 'phone'] as const) {
    it(`should carry a customer's screenshot from the widget to the agent, and the agent's PDF back as a link that works without a token (${SCREENS[screen].width} px)`, async () => {
      const { width, height } = SCREENS[screen];
      const customer = await newPage(width, height);
      const number = await startChat(customer, `adjunto-${screen}`);
      const screenshotFile = png();

      await customer.locator('#vt-file').setInputFiles({ name: 'error al timbrar.png', mimeType: 'image/png', buffer: screenshotFile });
      const sentFile = customer.locator('.vt-customer', { has: customer.locator('.vt-files', { hasText: 'Archivo: error al timbrar.png' }) });
      await sentFile.waitFor();
      // The file is the message: no made-up text beside it in the customer's own transcript.
      expect(await sentFile.locator('.vt-text').textContent()).toBe('');
      await screenshot(customer, SUITE, `widget-file-sent-${width}`);
      // The touch/phone layout has no keys to explain.
      expect(await customer.locator('#vt-hint').isVisible()).toBe(screen === 'desktop');

      const agent = await agentPage(screen);
      await openTicket(agent, number);
      const inbound = agent.locator('.message.inbound', { hasText: 'Archivo adjunto: error al timbrar.png' });
      const downloadButton = inbound.getByRole('button', { name: 'error al timbrar.png' });
      await downloadButton.waitFor({ timeout: 20_000 });
      expect(await inbound.locator('.attachments .meta').textContent()).toContain('image/png');
      const [download] = await Promise.all([agent.waitForEvent('download'), downloadButton.click()]);
      expect(await streamBytes(await download.createReadStream())).toEqual(screenshotFile);

      const document = pdf();
      await agent.getByLabel('Respuesta', { exact: true }).fill('Aquí está la guía para corregir el RFC del receptor.');
      await agent.locator('#reply-file').setInputFiles({ name: 'guía de timbrado.pdf', mimeType: 'application/pdf', buffer: document });
      await agent.getByRole('button', { name: 'Quitar guía de timbrado.pdf' }).waitFor();
      await agent.getByText('Archivo: guía de timbrado.pdf').waitFor();
      expect((await seriousAccessibilityViolations(agent)).map((violation) => `inbox: ${violation.id}: ${violation.help}`)).toEqual([]);
      await screenshot(agent, SUITE, `inbox-reply-with-file-${width}`);
      await agent.getByRole('button', { name: 'Enviar respuesta' }).click();
      await agent.locator('.message.outbound', { hasText: 'Aquí está la guía' }).getByRole('button', { name: 'guía de timbrado.pdf' }).waitFor();

      const link = customer.getByRole('link', { name: 'Descargar guía de timbrado.pdf' });
      await link.waitFor({ timeout: 20_000 });
      await screenshot(customer, SUITE, `widget-agent-file-${width}`);
      const href = (await link.getAttribute('href'))!;
      // Fetched as a stranger would: no token, no cookie.
      const fetched = await fetch(href);
      expect(fetched.status).toBe(200);
      expect(fetched.headers.get('content-disposition')).toContain("filename*=UTF-8''gu%C3%ADa%20de%20timbrado.pdf");
      expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await fetched.arrayBuffer())).toEqual(document);

      const violations = await seriousAccessibilityViolations(customer);
      expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    });
  }

  it('should open no other file with a link, refuse a changed one, and say in Spanish that an expired one expired', async () => {
    const chat = await ChatTestClient.connect(base);
    try {
      const started = await chat.start({ name: 'Iván Garza', email: customerAddress('enlaces'), message: '¿Me mandan el manual?' });
      chat.useToken(started.token);
      const number = (await chat.waitFor('ticket:confirmed')).ticketNumber as string;
      expect((await replyWithFile(number, { name: 'manual.pdf', content: pdf() })).status).toBe(201);
      const sent = await chat.waitFor('agent:message', (payload) => Array.isArray(payload.attachments));
      const url = new URL((sent.attachments as Array<{ url: string }>)[0]!.url);
      const fileId = url.pathname.split('/').pop()!;

      // The customer's first mail attachment of another ticket, under this link's signature.
      const other = await seedTicket(env, { email: 'otro@cliente.example.mx', subject: 'Otro', severity: 3 });
      expect((await fetch(url.href.replace(fileId, other.attachmentId))).status).toBe(404);
      url.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86_400));
      expect((await fetch(url.href)).status).toBe(404);

      const [key] = await env.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'shared-file-key'`);
      const expired = await fetch(sharedFileUrl(base, key!.value, fileId, new Date(Date.now() - 60_000)));
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('Este enlace ya expiró');
    } finally {
      chat.close();
    }
  });

  it('should send an email reply’s file as a real mail attachment, and refuse a file on a phone ticket in the API with a code the inbox says in Spanish', async () => {
    const address = customerAddress('correo-adjunto');
    const mailTicket = await seedTicket(env, { email: address, subject: 'Necesito el XML', severity: 3 });
    const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<cfdi:Comprobante Version="4.0" xmlns:cfdi="http://www.sat.gob.mx/cfd/4"/>');
    expect((await replyWithFile(mailTicket.number, { name: 'factura A-77.xml', content: xml }, 'Adjunto el XML timbrado.')).status).toBe(201);
    const mail = await sink.waitFor((sunk) => sunk.envelopeTo.includes(address), `the reply to ${address}`);
    expect(mail.parsed.text).toContain('Adjunto el XML timbrado.');
    expect(mail.parsed.attachments.map((file) => [file.filename, file.contentType, file.content.equals(xml)])).toEqual([['factura A-77.xml', 'application/xml', true]]);

    const phoneTicket = await seedTicket(env, { email: 'telefono@cliente.example.mx', subject: 'Llamada', severity: 2, channel: 'phone' });
    const refused = await replyWithFile(phoneTicket.number, { name: 'captura.png', content: png() });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'attachment_phone' });

    const page = await agentPage();
    await openTicket(page, phoneTicket.number);
    expect(await page.locator('#reply-file').isDisabled()).toBe(true);
    await page.getByText('Las respuestas por SMS no llevan archivos; puedes adjuntarlo a una nota interna.').waitFor();
    await page.getByLabel('Nota interna').check();
    expect(await page.locator('#reply-file').isDisabled()).toBe(false);
  });

  it('should refuse in Spanish, readable by the widget on an allowed page, a file whose content is not what its name says, one over ATTACHMENT_MAX_BYTES (413), one without a conversation, and too many files (429)', async () => {
    const chat = await ChatTestClient.connect(base);
    try {
      const started = await chat.start({ name: 'Marta Leal', email: customerAddress('limites'), message: 'Tengo un problema con una factura.' });
      await chat.waitFor('ticket:confirmed');
      const disguised = await uploadAsCustomer(started.token, { name: 'captura.png', content: Buffer.from('<!doctype html><script>alert(1)</script>'), type: 'image/png' });
      expect([disguised.status, readableBy(disguised)]).toEqual([400, base]);
      expect(await disguised.json()).toMatchObject({ code: 'attachment_type', message: expect.stringContaining('Solo se aceptan imágenes (PNG, JPG, GIF, WebP), PDF, XML y ZIP') });

      const big = await uploadAsCustomer(started.token, { name: 'grande.pdf', content: Buffer.concat([pdf(), randomBytes(MAX_BYTES)]) });
      expect([big.status, readableBy(big)]).toEqual([413, base]);
      expect(await big.json()).toMatchObject({ code: 'attachment_too_large', message: 'El archivo pesa más de 195 KB, el máximo permitido.' });

      // The widget on an allowed page may read the answer (CORS); another site's page may not.
      const preflight = (origin: string) =>
        fetch(`${base}/chat/files`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-chat-token' } });
      const allowed = await preflight(base);
      expect([allowed.status, allowed.headers.get('access-control-allow-origin'), allowed.headers.get('access-control-allow-headers')]).toEqual([204, base, 'content-type, x-chat-token']);
      expect((await preflight('https://sitio-ajeno.example')).headers.get('access-control-allow-origin')).toBeNull();

      const stranger = await uploadAsCustomer('no-es-un-token-valido', { name: 'captura.png', content: png() });
      expect([stranger.status, readableBy(stranger)]).toEqual([401, base]);
      expect(await stranger.json()).toMatchObject({ code: 'chat_token_invalid', message: expect.stringContaining('No encontramos tu conversación') });

      const twoFiles = new FormData();
      for (const name of ['uno.png', 'dos.png']) twoFiles.append('file', new Blob([new Uint8Array(png())], { type: 'image/png' }), name);
      const both = await fetch(`${base}/chat/files`, { method: 'POST', headers: { 'x-chat-token': started.token, origin: base }, body: twoFiles });
      expect([both.status, readableBy(both)]).toEqual([400, base]);
      expect(await both.json()).toMatchObject({ code: 'upload_malformed', message: 'Envía un solo archivo por mensaje, en el campo file.' });

      // The three refused uploads above were read too: they count against the hour's uploads.
      const statuses: number[] = [];
      for (let index = 3; index <= UPLOADS_PER_HOUR; index += 1) statuses.push((await uploadAsCustomer(started.token, { name: `captura-${index}.png`, content: png() })).status);
      expect(statuses).toEqual([...Array<number>(UPLOADS_PER_HOUR - 3).fill(201), 429]);
      const limited = await uploadAsCustomer(started.token, { name: 'otra.png', content: png() });
      expect([limited.status, readableBy(limited)]).toEqual([429, base]);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      // Another site's page reads none of it.
      expect(readableBy(await uploadAsCustomer('no-es-un-token-valido', { name: 'captura.png', content: png() }, {}, 'https://sitio-ajeno.example'))).toBeNull();
      expect(await limited.json()).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('Enviaste muchos archivos en poco tiempo') });
    } finally {
      chat.close();
    }
  });

  it('should show the customer the server’s Spanish reason in the widget when a file is refused', async () => {
    const customer = await newPage(SCREENS.phone.width, SCREENS.phone.height);
    await startChat(customer, 'widget-rechazo');
    await customer.locator('#vt-file').setInputFiles({ name: 'factura.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ ejecutable disfrazado') });
    await customer.locator('.vt-failed .vt-state', { hasText: 'No se pudo enviar: Solo se aceptan imágenes' }).waitFor();
    await screenshot(customer, SUITE, 'widget-file-refused-375');
  });

  it('should delete the content of chat files, agents’ files and the raw chat items that carried them once retention is due', async () => {
    const chat = await ChatTestClient.connect(base);
    try {
      const started = await chat.start({ name: 'Luis Cantú', email: customerAddress('retencion-chat'), message: 'Les mando la captura.' });
      chat.useToken(started.token);
      const number = (await chat.waitFor('ticket:confirmed')).ticketNumber as string;
      expect((await uploadAsCustomer(started.token, { name: 'captura.png', content: png() })).status).toBe(201);
      await eventually(async () => (await ticket(number)).messages.some((message) => message.attachments.length > 0), { what: 'the chat file on the ticket' });
      expect((await replyWithFile(number, { name: 'respuesta.pdf', content: pdf() })).status).toBe(201);
      const held = async () =>
        (
          await env.query<{ files: number; raws: number }>(
            `SELECT (SELECT count(*)::int FROM attachments a JOIN messages m ON m.id = a.message_id JOIN tickets t ON t.id = m.ticket_id
                      WHERE t.number = $1 AND a.content IS NOT NULL) AS files,
                    (SELECT count(*)::int FROM inbound_items i JOIN messages m ON m.inbound_item_id = i.id JOIN attachments a ON a.message_id = m.id
                       JOIN tickets t ON t.id = m.ticket_id WHERE t.number = $1 AND i.raw IS NOT NULL) AS raws`,
            [number],
          )
        )[0]!;
      expect(await held()).toEqual({ files: 2, raws: 1 });
      expect((await admin.post(`/api/tickets/${number}/resolve`, { resolution: 'Quedó resuelto' })).status).toBe(200);
      await env.query(`UPDATE tickets SET resolved_at = now() - interval '31 days' WHERE number = $1`, [number]);
      await eventually(async () => {
        const now = await held();
        return now.files === 0 && now.raws === 0;
      }, { what: 'retention to remove the files and the raw chat item' });
      const attachments = (await ticket(number)).messages.flatMap((message) => message.attachments);
      expect(attachments.map((attachment) => [attachment.filename, attachment.url])).toEqual([
        ['captura.png', null],
        ['respuesta.pdf', null],
      ]);
    } finally {
      chat.close();
    }
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
