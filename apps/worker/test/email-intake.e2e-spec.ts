import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { AppProcess } from '../../../test/support/app-process.js';
import { DovecotServer } from '../../../test/support/dovecot.js';
import { eventually } from '../../../test/support/eventually.js';
import { buildBounce, buildMail, customerAddress } from '../../../test/support/mail-builder.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { SUPPORT_EMAIL, TestEnvironment } from '../../../test/support/test-environment.js';

interface TicketRow {
  id: string;
  number: string;
  severity: number;
  subject: string;
  tier: string;
  status: string;
  created_at: Date;
  attention_due_at: Date;
  solution_due_at: Date;
}

describe('email channel, end to end (Dovecot → worker → Postgres → SMTP)', () => {
  let env: TestEnvironment;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let worker: AppProcess;

  const workerEnv = (): Record<string, string> => env.processEnv({ ...dovecot.imapEnv(), SMTP_URL: sink.url });

  const ticketsOf = (email: string): Promise<TicketRow[]> =>
    env.query<TicketRow>(
      `SELECT t.* FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.email = $1 ORDER BY t.created_at`,
      [email],
    );

  const waitForTicket = (email: string): Promise<TicketRow> =>
    eventually(async () => (await ticketsOf(email))[0], { what: `a ticket for ${email}` });

  const messagesOf = (ticketId: string) =>
    env.query<{ direction: string; automated: boolean; text: string; external_id: string }>(
      `SELECT direction, automated, text, external_id FROM messages WHERE ticket_id = $1 ORDER BY created_at`,
      [ticketId],
    );

  const inboundOutcome = (dedupeSubject: string) =>
    env.query<{ status: string; outcome: string }>(`SELECT status, outcome FROM inbound_items WHERE summary->>'subject' = $1`, [
      dedupeSubject,
    ]);

  beforeAll(async () => {
    env = await TestEnvironment.create('email');
    dovecot = await DovecotServer.start();
    sink = await SmtpSink.start();
    worker = await new AppProcess('worker', workerEnv()).start();
  });

  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
    await dovecot?.destroy();
    await env?.close();
  });

  it('should open an L1 ticket with deadlines and mail a Spanish confirmation when a customer writes', async () => {
    const customer = customerAddress('ramiro');
    const mail = buildMail({
      from: customer,
      fromName: 'Ramiro Tapia',
      subject: 'No timbra ninguna factura desde las 9',
      text: 'Desde las 9:00 ninguna de nuestras facturas se timbra, todas marcan error de conexión con el PAC. El resto del portal sí funciona.',
    });
    await dovecot.append(mail.raw);

    const ticket = await waitForTicket(customer);
    expect(ticket.number).toMatch(/^IF-\d{6}$/);
    expect([0, 1, 2, 3]).toContain(ticket.severity);
    expect(ticket.tier).toBe('L1');
    expect(ticket.attention_due_at.getTime() - ticket.created_at.getTime()).toBe(2 * 3_600_000);
    expect(ticket.solution_due_at.getTime() - ticket.created_at.getTime()).toBe(8 * 3_600_000);

    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');
    expect(confirmation.parsed.subject).toContain(`[${ticket.number}]`);
    expect(confirmation.parsed.text).toContain(`ticket ${ticket.number}`);
    expect(confirmation.parsed.text).toContain(`Severidad asignada: ${ticket.severity} — `);
    expect(confirmation.parsed.text).toContain('¿Qué sigue?');
    expect(confirmation.parsed.from?.value[0]?.address).toBe(SUPPORT_EMAIL);
    expect(confirmation.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(confirmation.parsed.inReplyTo).toBe(`<${mail.messageId}>`);

    // Acknowledged at the source only once stored: the mail carries our keyword and stays in INBOX.
    const flags = await eventually(async () => {
      const all = [...(await dovecot.flags()).values()];
      return all.some((set) => set.has('VentanillaStored')) ? all : undefined;
    });
    expect(flags.length).toBeGreaterThan(0);
  });

  it('should add the reply to the same ticket without a second confirmation when the customer answers', async () => {
    const customer = customerAddress('norma');
    await dovecot.append(buildMail({ from: customer, subject: 'Nómina no timbra', text: 'Ningún recibo de nómina se timbra hoy.' }).raw);
    const ticket = await waitForTicket(customer);
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');

    await dovecot.append(
      buildMail({
        from: customer,
        subject: `RE: ${confirmation.parsed.subject}`,
        text: 'Les comparto una captura del error.\n\n> Recibimos tu mensaje',
        inReplyTo: confirmation.parsed.messageId!.replace(/[<>]/g, ''),
        references: [confirmation.parsed.messageId!.replace(/[<>]/g, '')],
      }).raw,
    );

    await eventually(async () => ((await messagesOf(ticket.id)).filter((m) => m.direction === 'inbound').length === 2 ? true : undefined), {
      what: 'the reply on the ticket',
    });
    expect(await ticketsOf(customer)).toHaveLength(1);
    expect(sink.to(customer)).toHaveLength(1);
  });

  it('should join by ticket number only when the sender already takes part in that ticket', async () => {
    const customer = customerAddress('laura');
    const stranger = customerAddress('mallory');
    await dovecot.append(buildMail({ from: customer, subject: 'Duda con complemento de pago', text: '¿Cómo hago un complemento de pago?' }).raw);
    const ticket = await waitForTicket(customer);

    await dovecot.append(buildMail({ from: customer, subject: `Seguimiento ${ticket.number}`, text: 'Sigo esperando respuesta.' }).raw);
    await dovecot.append(buildMail({ from: stranger, subject: `Sobre el ${ticket.number}`, text: 'Quiero ver ese ticket.' }).raw);

    await eventually(async () => ((await messagesOf(ticket.id)).filter((m) => m.direction === 'inbound').length === 2 ? true : undefined), {
      what: 'the follow-up on the ticket',
    });
    const strangersTicket = await waitForTicket(stranger);
    expect(strangersTicket.id).not.toBe(ticket.id);
  });

  it('should neither confirm nor open a ticket for an out-of-office reply, and keep it on the ticket it answers', async () => {
    const customer = customerAddress('ausente');
    await dovecot.append(buildMail({ from: customer, subject: 'Cambio de régimen', text: '¿Cómo actualizo mi régimen fiscal?' }).raw);
    const ticket = await waitForTicket(customer);
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');

    const autoReply = buildMail({
      from: customer,
      subject: 'Respuesta automática: fuera de la oficina',
      text: 'Estoy de vacaciones hasta el lunes.',
      inReplyTo: confirmation.parsed.messageId!.replace(/[<>]/g, ''),
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const unthreaded = buildMail({ from: customerAddress('vacaciones'), subject: 'Out of Office: estoy fuera', text: 'Regreso el lunes.' });
    await dovecot.append(autoReply.raw);
    await dovecot.append(unthreaded.raw);

    await eventually(async () => ((await messagesOf(ticket.id)).some((m) => m.automated && m.direction === 'inbound') ? true : undefined), {
      what: 'the auto-reply on the ticket',
    });
    const [skipped] = await eventually(async () => {
      const rows = await inboundOutcome('Out of Office: estoy fuera');
      return rows[0]?.status === 'skipped' ? rows : undefined;
    });
    expect(skipped!.outcome).toBe('auto_reply');
    expect(sink.to(customer)).toHaveLength(1);
    expect(await ticketsOf(customer)).toHaveLength(1);
  });

  it('should attach a bounce of our confirmation to its ticket and mark the address undeliverable', async () => {
    const customer = customerAddress('rebota');
    await dovecot.append(buildMail({ from: customer, subject: 'Factura sin PDF', text: 'La factura A-10 no descarga el PDF.' }).raw);
    const ticket = await waitForTicket(customer);
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');

    const bounce = buildBounce({
      finalRecipients: [customer],
      quotedMessageId: confirmation.parsed.messageId!.replace(/[<>]/g, ''),
      quotedFrom: SUPPORT_EMAIL,
      quotedSubject: confirmation.parsed.subject,
    });
    await dovecot.append(bounce.raw);

    const events = await eventually(async () => {
      const rows = await env.query<{ type: string; data: { permanent: boolean } }>(
        `SELECT type, data FROM ticket_events WHERE ticket_id = $1 AND type = 'delivery_bounced'`,
        [ticket.id],
      );
      return rows.length ? rows : undefined;
    });
    expect(events[0]!.data.permanent).toBe(true);
    const [contact] = await env.query<{ email_undeliverable_at: Date | null }>(`SELECT email_undeliverable_at FROM contacts WHERE email = $1`, [customer]);
    expect(contact!.email_undeliverable_at).not.toBeNull();
    expect(await env.query(`SELECT 1 FROM contacts WHERE email LIKE 'mailer-daemon%'`)).toHaveLength(0);
    expect(sink.mails.filter((sent) => sent.envelopeTo.some((to) => to.startsWith('mailer-daemon')))).toHaveLength(0);
  });

  it('should give one ticket and one confirmation when the same mail is delivered twice', async () => {
    const customer = customerAddress('doble');
    const mail = buildMail({ from: customer, subject: 'Cancelaciones no funcionan', text: 'No podemos cancelar ninguna factura.' });
    // The same mail to two of our addresses: identical but for the headers added in transit.
    await dovecot.append(`Delivered-To: ${SUPPORT_EMAIL}\r\n${mail.raw}`);
    await dovecot.append(`Delivered-To: soporte@interfactura.com\r\n${mail.raw}`);

    await waitForTicket(customer);
    await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');
    await eventually(async () => {
      const [row] = await env.query<{ pending: string }>(`SELECT count(*) AS pending FROM inbound_items WHERE status = 'pending'`);
      return row!.pending === '0';
    });
    expect(await ticketsOf(customer)).toHaveLength(1);
    expect(sink.to(customer)).toHaveLength(1);
  });

  it('should stop confirming a sender that writes too often within an hour (loop guard)', async () => {
    const robot = customerAddress('robot');
    for (let index = 0; index < 5; index += 1) {
      await dovecot.append(buildMail({ from: robot, subject: `Alerta ${index}`, text: `Mensaje automático ${index}` }).raw);
    }
    await eventually(async () => ((await ticketsOf(robot)).length === 5 ? true : undefined), { what: 'five tickets' });
    const suppressed = await eventually(async () => {
      const rows = await env.query(
        `SELECT 1 FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id JOIN contacts c ON c.id = t.contact_id
          WHERE c.email = $1 AND e.type = 'confirmation_suppressed' AND e.data->>'reason' = 'rate_limited'`,
        [robot],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(suppressed).toHaveLength(2);
    await eventually(() => (sink.to(robot).length === 3 ? true : undefined), { what: 'three confirmations' });
  });

  it('should lose nothing and duplicate nothing when the worker is killed mid-work and restarted', async () => {
    const customers = Array.from({ length: 6 }, (_, index) => customerAddress(`kill${index}`));
    for (const customer of customers) {
      await dovecot.append(buildMail({ from: customer, subject: 'Lentitud extrema', text: 'El portal está lentísimo.' }).raw);
    }
    await eventually(async () => ((await ticketsOf(customers[0]!)).length ? true : undefined), { what: 'work under way' });
    await worker.kill('SIGKILL');
    worker = await new AppProcess('worker', workerEnv()).start();

    for (const customer of customers) {
      await waitForTicket(customer);
      await sink.waitFor((sent) => sent.envelopeTo.includes(customer), `the confirmation to ${customer}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const customer of customers) {
      expect(await ticketsOf(customer)).toHaveLength(1);
      // A kill between the SMTP server's acceptance and our commit can repeat the transmission,
      // always with the same Message-ID; the customer sees one confirmation.
      expect(sink.distinctTo(customer)).toHaveLength(1);
    }
  });

  it('should still send exactly one confirmation when the worker dies between writing the ticket and queueing it', async () => {
    await worker.stop();
    const crashing = await new AppProcess('worker', workerEnv()).start({ FAULT_INJECT: 'after-intake-commit' });
    const customer = customerAddress('brecha');
    await dovecot.append(buildMail({ from: customer, subject: 'Folios repetidos', text: 'El portal repite folios en la serie A.' }).raw);

    await crashing.waitForExit();
    const ticket = await waitForTicket(customer);
    const [pending] = await env.query<{ status: string }>(`SELECT status FROM outbound_deliveries WHERE ticket_id = $1`, [ticket.id]);
    expect(pending!.status).toBe('pending');
    expect(sink.to(customer)).toHaveLength(0);

    worker = await new AppProcess('worker', workerEnv()).start();
    await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation after the restart');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sink.to(customer)).toHaveLength(1);
  });

  it('should confirm a mail that came without a Message-ID without claiming to answer a message that never existed', async () => {
    const customer = customerAddress('sinid');
    const raw = buildMail({ from: customer, subject: 'Sin identificador', text: 'Mi programa de facturación no pone Message-ID.' }).raw.replace(/^Message-ID: .*\r?\n/m, '');
    await dovecot.append(raw);
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation of a mail without Message-ID');
    expect(confirmation.parsed.subject).toMatch(/^\[IF-\d{6}\] Recibimos tu solicitud: Sin identificador$/);
    expect([confirmation.parsed.inReplyTo, confirmation.parsed.references]).toEqual([undefined, undefined]);
  });

  it('should say that the IMAP server refused the login, naming the settings to check, when the password is wrong', async () => {
    const reader = await new AppProcess('worker', workerEnv()).start({ WORKER_ROLES: 'mailbox', IMAP_PASSWORD: 'no-es-la-clave' });
    try {
      await eventually(() => (reader.log.includes('mailbox connection failed: the IMAP server refused the login (check IMAP_USER and IMAP_PASSWORD)') ? true : undefined), {
        what: 'the refused login in the log',
      });
    } finally {
      await reader.stop();
    }
  });

  it('should lose no acknowledged mail when Redis comes back empty before the mail was processed', async () => {
    await worker.stop();
    // Only the mailbox role: the mail is stored, queued and acknowledged, but nobody consumes the queue.
    const reader = await new AppProcess('worker', workerEnv()).start({ WORKER_ROLES: 'mailbox' });
    const customer = customerAddress('vaciado');
    await dovecot.append(buildMail({ from: customer, subject: 'XML vacíos', text: 'Todos los XML de esta semana descargan vacíos.' }).raw);
    await eventually(async () => {
      const rows = await env.query<{ status: string }>(`SELECT status FROM inbound_items WHERE summary->>'subject' = 'XML vacíos'`);
      return rows[0]?.status === 'pending' ? rows : undefined;
    });
    await eventually(async () => ([...(await dovecot.flags()).values()].every((flags) => flags.has('VentanillaStored')) ? true : undefined));
    await reader.stop();

    await env.flushRedis();
    worker = await new AppProcess('worker', workerEnv()).start();
    await waitForTicket(customer);
    await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation after the flush');
    expect(sink.to(customer)).toHaveLength(1);
  });

  it('should run again the work of a job that failed for good while Postgres could not record it', async () => {
    await worker.stop();
    const reader = await new AppProcess('worker', workerEnv()).start({ WORKER_ROLES: 'mailbox' });
    const customer = customerAddress('agotado');
    await dovecot.append(buildMail({ from: customer, subject: 'Reintentos agotados', text: 'No descarga ningún acuse de cancelación.' }).raw);
    const [item] = await eventually(async () => {
      const rows = await env.query<{ id: string; status: string; queue_job_id: string }>(
        `SELECT id, status, queue_job_id FROM inbound_items WHERE summary->>'subject' = 'Reintentos agotados'`,
      );
      return rows[0]?.status === 'pending' ? rows : undefined;
    });
    await reader.stop();

    // Every attempt failed while Postgres was unreachable: BullMQ holds the job as failed, and
    // Postgres, which could not hear of it, still says the item is pending.
    const connection = { url: env.redisUrl };
    const unreachable = new Worker('intake', () => Promise.reject(new UnrecoverableError('Postgres unreachable')), { connection, prefix: env.queuePrefix });
    const queue = new Queue('intake', { connection, prefix: env.queuePrefix });
    await eventually(async () => (await queue.getJobState(item!.queue_job_id)) === 'failed', { what: 'the job to fail for good' });
    await unreachable.close();

    worker = await new AppProcess('worker', workerEnv()).start();
    await waitForTicket(customer);
    await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation after the sweep');
    const [done] = await env.query<{ status: string }>(`SELECT status FROM inbound_items WHERE id = $1`, [item!.id]);
    expect(done!.status).toBe('done');
    await queue.close();
  });

  it('should reopen a resolved ticket when its customer writes again, with the solution clock stopped for the time it was resolved', async () => {
    const customer = customerAddress('reabre');
    await dovecot.append(buildMail({ from: customer, subject: 'Complemento de pago', text: 'No puedo timbrar complementos de pago.' }).raw);
    const ticket = await waitForTicket(customer);
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');
    // As if opened two hours ago and resolved by an agent for the last 90 minutes.
    await env.query(`UPDATE tickets SET created_at = now() - interval '2 hours', status = 'resolved', resolved_at = now() - interval '90 minutes' WHERE id = $1`, [ticket.id]);
    await env.query(
      `INSERT INTO ticket_events (ticket_id, type, actor_type, data, created_at) VALUES ($1, 'resolved', 'agent', '{}', now() - interval '90 minutes')`,
      [ticket.id],
    );

    await dovecot.append(
      buildMail({
        from: customer,
        subject: `RE: ${confirmation.parsed.subject}`,
        text: 'Sigue fallando, no quedó resuelto.',
        inReplyTo: confirmation.parsed.messageId!.replace(/[<>]/g, ''),
      }).raw,
    );

    const reopened = await eventually(async () => {
      const [row] = await env.query<{ status: string; created_at: Date; solution_due_at: Date; sla_explanation: string }>(
        `SELECT status, created_at, solution_due_at, sla_explanation FROM tickets WHERE id = $1`,
        [ticket.id],
      );
      return row!.status === 'open' ? row : undefined;
    }, { what: 'the ticket reopened' });
    // 8 h of solution time from its opening, plus the ~90 minutes it spent resolved.
    const solutionMinutes = (reopened.solution_due_at.getTime() - reopened.created_at.getTime()) / 60_000;
    expect(solutionMinutes).toBeGreaterThan(480 + 88);
    expect(solutionMinutes).toBeLessThan(480 + 93);
    expect(reopened.sla_explanation).toContain('en pausa');
    expect(sink.to(customer)).toHaveLength(1);
  });

  it('should keep a resolved ticket resolved when its customer only thanks us, and reopen it when the thanks come with more', async () => {
    const customer = customerAddress('gracias');
    await dovecot.append(buildMail({ from: customer, subject: 'Descarga de XML', text: 'No puedo descargar el XML.' }).raw);
    const ticket = await waitForTicket(customer);
    const confirmation = await sink.waitFor((sent) => sent.envelopeTo.includes(customer), 'the confirmation');
    await env.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1`, [ticket.id]);
    const reply = (text: string) =>
      dovecot.append(buildMail({ from: customer, subject: `RE: ${confirmation.parsed.subject}`, text, inReplyTo: confirmation.parsed.messageId!.replace(/[<>]/g, '') }).raw);
    const events = async () => (await env.query<{ type: string }>(`SELECT type FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticket.id])).map((row) => row.type);
    const status = async () => (await env.query<{ status: string }>(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]))[0]!.status;

    await reply('¡Muchas gracias, ya quedó!\n\nMarisol Treviño\nContadora\n\nEl lun, 7 dic 2026 a las 10:00, Soporte escribió:\n> Tu ticket quedó resuelto.');
    await eventually(async () => (await events()).includes('thanks_received') || undefined, { what: 'the thanks on the ticket' });
    expect(await status()).toBe('resolved');
    expect(await events()).not.toContain('reopened');
    const [thanks] = await env.query<{ text: string }>(`SELECT text FROM messages WHERE ticket_id = $1 AND direction = 'inbound' ORDER BY created_at DESC LIMIT 1`, [ticket.id]);
    expect(thanks!.text).toContain('¡Muchas gracias, ya quedó!');

    await reply('Gracias, pero sigue sin descargar.');
    await eventually(async () => ((await status()) === 'open' ? true : undefined), { what: 'the ticket reopened' });
    expect(await events()).toContain('reopened');
  });

  it('should write mails that wait together in one transaction, and when one of them cannot be stored, still ticket and confirm the others at once', async () => {
    await worker.stop();
    // Mails arrive while the intake is stopped (only the mailbox role runs): they wait together.
    const reader = await new AppProcess('worker', workerEnv()).start({ WORKER_ROLES: 'mailbox' });
    const customers = Array.from({ length: 6 }, (_, index) => customerAddress(`grupo${index}`));
    const refused = customers[3]!;
    // A real Postgres failure for one mail only: a trigger refuses its ticket.
    await env.query(`CREATE OR REPLACE FUNCTION test_refuse_group_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.subject = 'Grupo: este falla' THEN RAISE EXCEPTION 'ticket refused by the test'; END IF; RETURN NEW; END $$`);
    await env.query(`CREATE TRIGGER test_refuse_group_ticket BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION test_refuse_group_ticket()`);
    try {
      for (const customer of customers) {
        const subject = customer === refused ? 'Grupo: este falla' : 'Grupo: timbrado lento';
        await dovecot.append(buildMail({ from: customer, subject, text: 'El timbrado tarda minutos desde la mañana.' }).raw);
      }
      await eventually(async () => {
        const [row] = await env.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM inbound_items WHERE status = 'pending' AND summary->>'subject' LIKE 'Grupo:%'`);
        return row!.waiting === 6 ? true : undefined;
      }, { what: 'six mails stored and waiting' });
      await reader.stop();

      worker = await new AppProcess('worker', workerEnv()).start();
      for (const customer of customers.filter((customer) => customer !== refused)) {
        await waitForTicket(customer);
        await sink.waitFor((sent) => sent.envelopeTo.includes(customer), `the confirmation to ${customer}`);
      }
      const [failing] = await eventually(async () => {
        const rows = await env.query<{ status: string; attempts: number; last_error: string }>(
          `SELECT status, attempts, last_error FROM inbound_items WHERE summary->>'subject' = 'Grupo: este falla'`,
        );
        return rows[0]?.last_error ? rows : undefined;
      }, { what: 'the refused mail to record its error' });
      expect(failing!.status).toBe('pending');
      expect(failing!.last_error).toContain('ticket refused by the test');
      expect(await ticketsOf(refused)).toHaveLength(0);
      // The group they were read in was rolled back and its mails went on one by one.
      expect(worker.log).toMatch(/intake group of \d+ rolled back/);
    } finally {
      await env.query(`DROP TRIGGER IF EXISTS test_refuse_group_ticket ON tickets`);
      await env.query(`DROP FUNCTION IF EXISTS test_refuse_group_ticket()`);
    }
    // Nothing is lost: once Postgres takes it, the retried job gives it its ticket and confirmation.
    await waitForTicket(refused);
    await sink.waitFor((sent) => sent.envelopeTo.includes(refused), 'the confirmation of the retried mail');
    for (const customer of customers) {
      expect(await ticketsOf(customer)).toHaveLength(1);
      expect(sink.distinctTo(customer)).toHaveLength(1);
    }
  });

  it('should take a mail whose subject decodes to a NUL, and the mails behind it', async () => {
    const [odd, next] = [customerAddress('nul'), customerAddress('tras-nul')];
    // An encoded word may carry any byte; Postgres refuses a NUL in text and JSON.
    await dovecot.append(buildMail({ from: odd, subject: 'Factura\u0000 rechazada', text: 'El SAT rechaza la factura A-33.' }).raw);
    await dovecot.append(buildMail({ from: next, subject: 'Acuse pendiente', text: 'No llega el acuse de cancelación.' }).raw);
    for (const customer of [odd, next]) {
      await waitForTicket(customer);
      await sink.waitFor((sent) => sent.envelopeTo.includes(customer), `the confirmation to ${customer}`);
    }
    expect((await ticketsOf(odd))[0]!.subject).toBe('Factura rechazada');
  });

  it('should move a mail that is too big aside without downloading it and keep the reason', async () => {
    await worker.stop();
    worker = await new AppProcess('worker', workerEnv()).start({ MAIL_MAX_BYTES: '20000' });
    const customer = customerAddress('pesado');
    await dovecot.append(buildMail({ from: customer, subject: 'Adjunto enorme', text: 'x'.repeat(40_000) }).raw);

    const [item] = await eventually(async () => {
      const rows = await env.query<{ status: string; outcome: string; summary: { from: string } }>(
        `SELECT status, outcome, summary FROM inbound_items WHERE summary->>'subject' = 'Adjunto enorme'`,
      );
      return rows.length ? rows : undefined;
    });
    expect(item!.status).toBe('rejected');
    expect(item!.outcome).toMatch(/^too_large/);
    expect(item!.summary.from).toBe(customer);
    const rejectedFolder = await eventually(async () => {
      const flags = await dovecot.flags('Ventanilla-Rechazados');
      return flags.size === 1 ? flags : undefined;
    });
    expect(rejectedFolder.size).toBe(1);
    expect(await ticketsOf(customer)).toHaveLength(0);

    await worker.stop();
    worker = await new AppProcess('worker', workerEnv()).start();
  });
});
