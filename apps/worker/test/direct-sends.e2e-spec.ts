import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppProcess } from '../../../test/support/app-process.js';
import { ChatTestClient } from '../../../test/support/chat-client.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

/**
 * What an intake owes is sent by the worker that committed it, each channel's sends taking turns
 * there (`DirectDeliveries`). A worker that stops hands back the sends still waiting their turn.
 */
describe('sends waiting their turn in a worker that stops (socket.io-client, SMTP sink)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let gateway: AppProcess;
  let base: string;
  const workers: AppProcess[] = [];
  const clients: ChatTestClient[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create('direct-sends');
    sink = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = await new AppProcess('gateway', env.processEnv({ PORT: String(port) })).start();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all([gateway?.stop(), ...workers.map((worker) => worker.stop())]);
    await sink?.close();
    await env?.close();
  });

  it('should have another worker send at once, as first attempts, the verification mails a stopped worker still had waiting', async () => {
    // One send at a time per channel, and a lease as long as production's: a send handed back with
    // its lease still held would wait two minutes for it to run out. A stop waits for the send under
    // way for up to a job lock: longer than the mail server takes here.
    const settings = env.processEnv({ SMTP_URL: sink.url, OUTBOUND_CONCURRENCY: '1', SEND_LEASE_MS: '120000', JOB_LOCK_MS: '10000' });
    const first = await new AppProcess('worker', settings).start();
    // The mail server takes 4 s over the first verification mail: the other two wait their turn.
    sink.delayNext(4_000);
    const addresses = ['turno-1', 'turno-2', 'turno-3'].map((name) => customerAddress(name));
    for (const [index, email] of addresses.entries()) {
      const client = await ChatTestClient.connect(base);
      clients.push(client);
      expect(await client.start({ name: `Cliente ${index + 1}`, email, message: 'No puedo descargar el XML de mi factura' })).toMatchObject({ conversationId: expect.any(String) });
      await client.waitFor('ticket:confirmed');
    }
    await first.stop();
    workers.push(await new AppProcess('worker', settings).start());

    for (const email of addresses) await sink.waitFor((mail) => mail.envelopeTo.includes(email), `the verification mail to ${email}`, 20_000);
    const deliveries = await eventually(async () => {
      const rows = await env.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM outbound_deliveries WHERE kind = 'verification'`);
      return rows.every((row) => row.status !== 'pending') ? rows : undefined;
    }, { what: 'the sends recorded' });
    expect(deliveries).toEqual(addresses.map(() => ({ status: 'sent', attempts: 0 })));
    expect(await env.query(`SELECT type FROM ticket_events WHERE type = 'delivery_failed'`)).toEqual([]);
    await eventually(async () => sink.mails.length === 3, { what: 'no mail twice' });
    expect(sink.mails).toHaveLength(3);
  });
});
