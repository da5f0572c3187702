import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppProcess } from '../../../test/support/app-process.js';
import { DovecotServer } from '../../../test/support/dovecot.js';
import { eventually } from '../../../test/support/eventually.js';
import { buildBounce, buildMail, customerAddress } from '../../../test/support/mail-builder.js';
import { SmtpSink, type SunkMail } from '../../../test/support/smtp-sink.js';
import { SUPPORT_EMAIL, TestEnvironment } from '../../../test/support/test-environment.js';

interface TicketRow {
  id: string;
  number: string;
  status: string;
}

const MAIL_TICKET_LIMIT = 3;

describe('email channel under abuse: forged bounces, and one sender opening tickets without end', () => {
  let env: TestEnvironment;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let worker: AppProcess;

  const ticketsOf = (email: string): Promise<TicketRow[]> =>
    env.query<TicketRow>(`SELECT t.id, t.number, t.status FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.email = $1 ORDER BY t.created_at`, [
      email,
    ]);

  const ticketCount = (email: string, count: number): Promise<TicketRow[]> =>
    eventually(async () => {
      const tickets = await ticketsOf(email);
      return tickets.length === count ? tickets : undefined;
    }, { what: `${count} tickets for ${email}` });

  const markOf = async (email: string): Promise<Date | null> => {
    const [contact] = await env.query<{ email_undeliverable_at: Date | null }>(`SELECT email_undeliverable_at FROM contacts WHERE email = $1`, [email]);
    return contact!.email_undeliverable_at;
  };

  const eventsOf = (ticketId: string, type: string) =>
    env.query<{ data: Record<string, unknown> }>(`SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = $2 ORDER BY id`, [ticketId, type]);

  const waitForEvent = (ticketId: string, type: string) =>
    eventually(async () => (await eventsOf(ticketId, type))[0], { what: `a ${type} event` });

  /** A customer's mail, its ticket and the confirmation we sent them. */
  const customerWrites = async (customer: string, subject: string): Promise<{ ticket: TicketRow; messageId: string; confirmation: SunkMail }> => {
    const before = (await ticketsOf(customer)).length;
    const mail = buildMail({ from: customer, subject, text: `${subject}: ya lo intenté dos veces y sigue igual.` });
    await dovecot.append(mail.raw);
    const ticket = (await ticketCount(customer, before + 1)).at(-1)!;
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer) && sent.parsed.subject!.includes(ticket.number), `the confirmation of ${ticket.number}`);
    return { ticket, messageId: mail.messageId, confirmation };
  };

  const bounceOf = (confirmation: SunkMail, finalRecipients: string[]) =>
    buildBounce({
      finalRecipients,
      quotedMessageId: confirmation.parsed.messageId!.replace(/[<>]/g, ''),
      quotedFrom: SUPPORT_EMAIL,
      quotedSubject: confirmation.parsed.subject,
    }).raw;

  const waitUntilMarked = (email: string) => eventually(async () => ((await markOf(email)) ? true : undefined), { what: `${email} marked undeliverable` });

  beforeAll(async () => {
    env = await TestEnvironment.create('email-abuse');
    dovecot = await DovecotServer.start();
    sink = await SmtpSink.start();
    worker = await new AppProcess(
      'worker',
      env.processEnv({ ...dovecot.imapEnv(), SMTP_URL: sink.url, MAIL_TICKETS_PER_SENDER_PER_HOUR: String(MAIL_TICKET_LIMIT) }),
    ).start();
  });

  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
    await dovecot?.destroy();
    await env?.close();
  });

  it('should mark nothing, and keep the mail aside, when a mailer-daemon mail quotes the customer’s own Message-ID', async () => {
    const customer = customerAddress('suplantada');
    const forger = `mailer-daemon@${customerAddress('falso').split('@')[0]}.example.net`;
    const first = await customerWrites(customer, 'Factura duplicada');

    await dovecot.append(buildBounce({ from: forger, finalRecipients: [customer], quotedMessageId: first.messageId, quotedFrom: customer }).raw);

    const [item] = await eventually(async () => {
      const rows = await env.query<{ status: string; outcome: string }>(`SELECT status, outcome FROM inbound_items WHERE summary->>'from' = $1`, [forger]);
      return rows[0] && rows[0].status !== 'pending' ? rows : undefined;
    }, { what: 'the forged bounce processed' });
    expect(item).toEqual({ status: 'skipped', outcome: 'bounce_unmatched' });
    expect(await markOf(customer)).toBeNull();
    expect(await eventsOf(first.ticket.id, 'delivery_bounced')).toHaveLength(0);

    await customerWrites(customer, 'Otra factura duplicada');
    expect(sink.to(customer)).toHaveLength(2);
  });

  it('should mark only the recipient of our bounced confirmation, not the other Final-Recipients the report lists', async () => {
    const bystander = customerAddress('tercero');
    const customer = customerAddress('rebota');
    await customerWrites(bystander, 'Alta de sucursal');
    const { ticket, confirmation } = await customerWrites(customer, 'Timbrado lento');

    await dovecot.append(bounceOf(confirmation, [customer, bystander]));

    const bounced = await waitForEvent(ticket.id, 'delivery_bounced');
    expect(bounced.data).toMatchObject({ recipient: customer, permanent: true, addressMarked: true });
    expect((await waitForEvent(ticket.id, 'email_marked_undeliverable')).data).toMatchObject({ address: customer });
    expect(await markOf(customer)).not.toBeNull();
    expect(await markOf(bystander)).toBeNull();
  });

  it('should lift the mark and send the confirmation when the bounced address writes again', async () => {
    const customer = customerAddress('regresa');
    const { confirmation } = await customerWrites(customer, 'No llega el XML');
    await dovecot.append(bounceOf(confirmation, [customer]));
    await waitUntilMarked(customer);

    const again = await customerWrites(customer, 'Ya cambié mi buzón');

    expect(again.confirmation.envelopeTo).toEqual([customer]);
    expect(await markOf(customer)).toBeNull();
    expect((await waitForEvent(again.ticket.id, 'email_mark_cleared')).data).toMatchObject({ address: customer, reason: 'customer_mail' });
  });

  it('should lift the mark when a later send to the address is accepted', async () => {
    const customer = customerAddress('aceptado');
    const first = await customerWrites(customer, 'Error CFDI40102');

    // The second confirmation waits in the outbox (the server answers 451) while the bounce of the first lands.
    sink.rejectWith = 451;
    let second: TicketRow;
    try {
      await dovecot.append(buildMail({ from: customer, subject: 'Error CFDI40108', text: 'Ahora marca otro error al timbrar.' }).raw);
      second = (await ticketCount(customer, 2))[1]!;
      await waitForEvent(second.id, 'delivery_failed');
      await dovecot.append(bounceOf(first.confirmation, [customer]));
      await waitUntilMarked(customer);
    } finally {
      sink.rejectWith = undefined;
    }

    await sink.waitFor((sent) => sent.envelopeTo.includes(customer) && sent.parsed.subject!.includes(second.number), 'the retried confirmation', 30_000);
    const cleared = await waitForEvent(second.id, 'email_mark_cleared');
    expect(cleared.data).toMatchObject({ address: customer, reason: 'delivered_send' });
    expect(await markOf(customer)).toBeNull();
  });

  it(`should join the sender's latest open ticket instead of opening more than ${MAIL_TICKET_LIMIT} tickets by mail within an hour`, async () => {
    const robot = customerAddress('inundacion');
    const mails = Array.from({ length: MAIL_TICKET_LIMIT + 2 }, (_, index) => buildMail({ from: robot, subject: `Alerta ${index}`, text: `Aviso número ${index}` }));
    for (const mail of mails) await dovecot.append(mail.raw);

    await eventually(async () => {
      const rows = await env.query(`SELECT 1 FROM inbound_items WHERE summary->>'from' = $1 AND status <> 'pending'`, [robot]);
      return rows.length === mails.length ? true : undefined;
    }, { what: 'every mail processed' });
    const tickets = await ticketsOf(robot);
    expect(tickets).toHaveLength(MAIL_TICKET_LIMIT);
    const latest = tickets.at(-1)!;
    const limited = await eventsOf(latest.id, 'ticket_limit_reached');
    expect(limited).toHaveLength(2);
    expect(limited[0]!.data).toMatchObject({ limit: MAIL_TICKET_LIMIT, openedLastHour: MAIL_TICKET_LIMIT });
    const [joined] = await env.query<{ count: number }>(`SELECT count(*)::int AS count FROM messages WHERE ticket_id = $1 AND direction = 'inbound'`, [latest.id]);
    expect(joined!.count).toBe(3);

    // With no ticket open, a further mail joins (and reopens) the latest one; still no new ticket or confirmation.
    await env.query(`UPDATE tickets t SET status = 'resolved', resolved_at = now() FROM contacts c WHERE c.id = t.contact_id AND c.email = $1`, [robot]);
    await dovecot.append(buildMail({ from: robot, subject: 'Alerta final', text: 'Aviso final' }).raw);
    await waitForEvent(latest.id, 'reopened');
    expect(await ticketsOf(robot)).toHaveLength(MAIL_TICKET_LIMIT);
    expect((await ticketsOf(robot)).at(-1)!.status).toBe('open');
    await eventually(() => (sink.to(robot).length === MAIL_TICKET_LIMIT ? true : undefined), { what: 'one confirmation per ticket' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sink.to(robot)).toHaveLength(MAIL_TICKET_LIMIT);
  });
});
