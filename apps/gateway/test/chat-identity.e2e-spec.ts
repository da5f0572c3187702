import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { launchBrowser, screenshot, signInToInbox } from '../../../test/support/browser.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { QueueJobs } from '../../../test/support/queue-jobs.js';
import { SmtpSink, type SunkMail } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';

interface ContactJson {
  id: string;
  name: string | null;
  email: string | null;
  rfc: string | null;
  verified: boolean;
}
interface TicketJson {
  number: string;
  contact: ContactJson;
  messages: Array<{ direction: string; channel: string; subject: string | null; text: string; html: string | null }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}
interface ContactPageJson {
  contact: ContactJson;
  tickets: Array<{ number: string }>;
}

const LINK = /https?:\/\/\S+\/verificar\?token=([A-Za-z0-9_-]{43})/;

describe('a chat’s email is a claim until its owner confirms it (socket.io-client, SMTP sink, Chromium)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let worker: AppProcess;
  let api: ApiClient;
  let base: string;
  let browser: Browser | undefined;
  let jobs: QueueJobs;
  const clients: ChatTestClient[] = [];

  /** Starts a chat as `email` and waits for its confirmation. */
  async function chatAs(email: string, fields: { name: string; message: string; rfc?: string }) {
    const client = await ChatTestClient.connect(base);
    clients.push(client);
    const ack = await client.start({ ...fields, email });
    expect(ack.error).toBeUndefined();
    client.useToken(ack.token);
    const confirmed = await client.waitFor('ticket:confirmed');
    return { client, ack, ticketNumber: confirmed.ticketNumber as string, confirmationText: confirmed.text as string };
  }

  const ticket = async (number: string) => (await api.get<TicketJson>(`/api/tickets/${number}`)).body;
  const contactPage = async (id: string) => (await api.get<ContactPageJson>(`/api/contacts/${id}`)).body;
  const verificationMailTo = (email: string): Promise<SunkMail> =>
    sink.waitFor((mail) => mail.envelopeTo.includes(email) && Boolean(mail.parsed.subject?.includes('Confirma tu correo')), `the verification mail to ${email}`);
  const tokenIn = (mail: SunkMail): string => LINK.exec(mail.parsed.text ?? '')![1]!;
  const openLink = (token: string) => fetch(`${base}/verificar?token=${token}`);
  const pressButton = (token: string) =>
    fetch(`${base}/verificar`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
  const inboundOn = (ticketNumber: string) =>
    env.query<{ text: string }>(`SELECT m.text FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.number = $1 AND m.direction = 'inbound' ORDER BY m.created_at`, [
      ticketNumber,
    ]);

  beforeAll(async () => {
    env = await TestEnvironment.create('chat-identity');
    sink = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The mailed link must lead to this gateway.
    const settings = env.processEnv({ PORT: String(port), PUBLIC_BASE_URL: base, SMTP_URL: sink.url });
    gateway = await new AppProcess('gateway', settings).start();
    worker = await new AppProcess('worker', settings).start();
    api = await ApiClient.signIn(base, ADMIN);
    jobs = new QueueJobs(() => env.redisUrl, () => env.queuePrefix);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([gateway?.stop(), worker?.stop(), jobs?.close()]);
    await sink?.close();
    await env?.close();
  });

  it('should keep a chat that claims a customer’s email apart from that customer: no history shown, nothing changed, not verified', async () => {
    const owner = customerAddress('rosa');
    const existing = await seedTicket(env, { email: owner, name: 'Rosa Ibarra', subject: 'Cancelación de la factura A-77 de Rosa', severity: 2 });
    const ownerContact = (await ticket(existing.number)).contact;

    const chat = await chatAs(owner, { name: 'Suplantador', rfc: 'XAXX010101000', message: 'Quiero ver mis facturas anteriores, por favor' });

    const claimed = (await ticket(chat.ticketNumber)).contact;
    // What the agent sees of the chat's contact: that conversation only, none of the owner's history.
    expect((await contactPage(claimed.id)).tickets.map((row) => row.number)).toEqual([chat.ticketNumber]);
    expect(claimed.id).not.toBe(ownerContact.id);
    expect(claimed).toMatchObject({ email: owner, name: 'Suplantador', rfc: 'XAXX010101000', verified: false });
    // The chat is told a link went to the address, and is not greeted with the owner's name.
    expect(chat.confirmationText).toContain(`Confirma tu correo con el enlace que enviamos a ${owner}.`);
    expect(chat.confirmationText).not.toContain('Rosa Ibarra');

    // Later messages of the conversation join its ticket and still touch nothing of the owner.
    expect((await chat.client.message('Mi nombre real es Rosa Ibarra, mi RFC es XAXX010101000')).ok).toBe(true);
    await eventually(async () => (await inboundOn(chat.ticketNumber)).length === 2, { what: 'the second chat message on its ticket' });
    const untouched = await contactPage(ownerContact.id);
    expect(untouched.contact).toMatchObject({ name: 'Rosa Ibarra', rfc: null, email: owner, verified: true });
    expect(untouched.tickets.map((row) => row.number)).toEqual([existing.number]);
  });

  it('should not add a chat’s first message to a customer’s ticket when it quotes that ticket’s number under the customer’s email', async () => {
    const owner = customerAddress('numero');
    const existing = await seedTicket(env, { email: owner, name: 'Iván Treviño', subject: 'Timbrado de nómina', severity: 1 });
    const client = await ChatTestClient.connect(base);
    clients.push(client);
    const ack = await client.start({ name: 'Iván', email: owner, message: `Sobre el ticket ${existing.number}: ¿ya quedó? Mándenme el detalle aquí.` });

    const [item] = await eventually(
      async () => {
        const rows = await env.query<{ status: string; outcome: string; ticket_id: string }>(
          `SELECT status, outcome, ticket_id FROM inbound_items WHERE source_ref = $1 AND status <> 'pending'`,
          [`chat:${ack.conversationId}`],
        );
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the chat message to be ingested' },
    );
    expect(item).toMatchObject({ status: 'done', outcome: 'ticket_created' });
    expect(item!.ticket_id).not.toBe(existing.id);
    expect(await inboundOn(existing.number)).toEqual([{ text: 'Texto del cliente' }]);
  });

  it('should mail a single-use link whose GET only asks, and whose POST merges the chat into the customer that owns the address', async () => {
    const owner = customerAddress('marta');
    const existing = await seedTicket(env, { email: owner, name: 'Marta Salinas', subject: 'Complemento de pago P-88', severity: 2 });
    const ownerId = (await ticket(existing.number)).contact.id;
    const chat = await chatAs(owner, { name: 'Marta S.', rfc: 'SAMM800101AB1', message: 'No me llega el complemento de pago P-90' });

    const mail = await verificationMailTo(owner);
    const token = tokenIn(mail);
    expect(mail.parsed.subject).toBe(`[${chat.ticketNumber}] Confirma tu correo para el chat de Soporte`);
    // Nothing the chat's author typed reaches the address's owner.
    expect(mail.parsed.text).not.toContain('Marta S.');
    // The copy on the ticket (what agents see) has no working link.
    const stored = (await ticket(chat.ticketNumber)).messages.find((message) => message.subject?.includes('Confirma tu correo'));
    expect(stored!.text).toContain('[enlace personal: solo va en el correo enviado]');
    expect(JSON.stringify(await ticket(chat.ticketNumber))).not.toContain(token);

    // Opening the link (as a mail scanner would) only asks.
    const asked = await openLink(token);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toContain('text/html');
    expect(asked.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(asked.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const form = await asked.text();
    expect(form).toContain('Confirma tu correo');
    expect(form).toContain('<form method="post" action="/verificar">');
    expect(form).not.toContain('<script');
    expect((await ticket(chat.ticketNumber)).contact.verified).toBe(false);

    const confirmed = await pressButton(token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Listo: confirmamos tu correo');

    const merged = await ticket(chat.ticketNumber);
    // The owner's own name stays; the RFC it lacked is filled in.
    expect(merged.contact).toMatchObject({ id: ownerId, email: owner, name: 'Marta Salinas', rfc: 'SAMM800101AB1', verified: true });
    expect(merged.events.find((event) => event.type === 'contact_verified')?.data).toMatchObject({ email: owner, joinedExisting: true });
    expect((await contactPage(ownerId)).tickets.map((row) => row.number).sort()).toEqual([existing.number, chat.ticketNumber].sort());

    // The conversation goes on, on the same ticket.
    expect((await chat.client.message('Gracias, ya confirmé mi correo')).ok).toBe(true);
    await eventually(async () => (await inboundOn(chat.ticketNumber)).length === 2, { what: 'the message after verifying on the same ticket' });
    expect(await env.query(`SELECT 1 FROM tickets WHERE conversation_ref = $1`, [chat.ack.conversationId])).toHaveLength(1);

    // Used once: opening or pressing it again is refused, in Spanish.
    const again = await pressButton(token);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Este enlace ya se usó');
    expect((await openLink(token)).status).toBe(410);
  });

  it('should make the chat’s contact the owner of an address nobody had, when the link is followed', async () => {
    const address = customerAddress('nueva');
    const chat = await chatAs(address, { name: 'Nadia Ríos', message: '¿Cómo me doy de alta en el portal?' });
    const before = (await ticket(chat.ticketNumber)).contact;
    expect(before.verified).toBe(false);
    expect(await env.query(`SELECT 1 FROM contacts WHERE email = $1`, [address])).toHaveLength(0);

    expect((await pressButton(tokenIn(await verificationMailTo(address)))).status).toBe(200);

    expect((await ticket(chat.ticketNumber)).contact).toMatchObject({ id: before.id, email: address, name: 'Nadia Ríos', verified: true });
    expect(await env.query(`SELECT 1 FROM contacts WHERE email = $1`, [address])).toHaveLength(1);
  });

  it('should mail the verification link once when the mail server takes longer to accept it than the recovery sweep and a job lock wait', async () => {
    // The worker sends it itself right after the ticket's commit; the sweep (every 500 ms, 1 s grace
    // here) and a queued retry (one 3 s job lock later) see it still owed while the server takes 5 s.
    sink.delayNext(5_000);
    const address = customerAddress('lenta');
    await chatAs(address, { name: 'Lucía Vela', message: 'No me llega el XML de mi factura.' });
    await verificationMailTo(address);
    const deliveryStatus = async () =>
      (await env.query<{ status: string }>(`SELECT status FROM outbound_deliveries WHERE recipient = $1 AND kind = 'verification'`, [address])).map((row) => row.status);
    await eventually(async () => ((await deliveryStatus()).join() === 'sent' ? true : undefined), { what: 'the verification recorded as sent' });
    // Whatever was queued for it has run by now (a job that found it being sent waits 5 s, then finds it sent).
    await eventually(async () => ((await jobs.unfinished('outbound')) === 0 ? true : undefined), { what: 'the outbound queue to drain' });
    expect(sink.to(address)).toHaveLength(1);
  });

  it('should refuse an expired link and an unknown one with a clear Spanish page, verifying nothing', async () => {
    const address = customerAddress('vencido');
    const chat = await chatAs(address, { name: 'Óscar Lara', message: 'Necesito reenviar una factura' });
    const token = tokenIn(await verificationMailTo(address));
    await env.query(`UPDATE contact_verifications SET expires_at = now() - interval '1 minute' WHERE email = $1`, [address]);

    for (const response of [await openLink(token), await pressButton(token)]) {
      expect(response.status).toBe(410);
      const html = await response.text();
      expect(html).toContain('Este enlace venció');
      expect(html).toContain('<html lang="es-MX">');
    }
    expect((await ticket(chat.ticketNumber)).contact.verified).toBe(false);

    const unknown = await pressButton(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Enlace no válido');
    expect((await openLink('x%27%3E%3Cscript%3E')).status).toBe(404);
  });

  it('should show “no verificado” in the inbox until the customer confirms the address in their browser', async () => {
    browser = await launchBrowser();
    const address = customerAddress('bandeja');
    const subject = 'No puedo descargar el acuse de cancelación';
    const chat = await chatAs(address, { name: 'Elena Cantú', message: subject });
    const token = tokenIn(await verificationMailTo(address));

    const inbox = await signInToInbox(browser, base, ADMIN);
    const agentContext = inbox.context();
    const row = inbox.locator(`.ticket-row[data-number="${chat.ticketNumber}"]`);
    await row.locator('.badge.unverified', { hasText: 'no verificado' }).waitFor({ timeout: 20_000 });
    await row.click();
    await inbox.locator('.customer-card .badge.unverified', { hasText: 'no verificado' }).waitFor();
    await screenshot(inbox, 'chat-identity', '01-unverified-chat');

    // The customer opens the mailed link and presses the button; the page runs under its CSP.
    const customerContext = await browser.newContext({ locale: 'es-MX' });
    const customer = await customerContext.newPage();
    const violations: string[] = [];
    customer.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await customer.goto(`${base}/verificar?token=${token}`);
    await customer.getByRole('button', { name: 'Confirmar mi correo' }).click();
    await customer.getByRole('heading', { name: 'Listo: confirmamos tu correo' }).waitFor();
    // The page's own style block is allowed by its hash.
    expect(await customer.evaluate(`getComputedStyle(document.querySelector('main')).backgroundColor`)).toBe('rgb(255, 255, 255)');
    expect(violations).toEqual([]);

    await inbox.reload();
    await inbox.locator(`.ticket-row[data-number="${chat.ticketNumber}"]`).click();
    await inbox.locator('.customer-card', { hasText: address }).waitFor();
    expect(await inbox.locator('.customer-card .badge.unverified').count()).toBe(0);
    expect(await inbox.locator(`.ticket-row[data-number="${chat.ticketNumber}"] .badge.unverified`).count()).toBe(0);
    await screenshot(inbox, 'chat-identity', '02-verified-chat');
    await agentContext.close();
    await customerContext.close();
  });
});
