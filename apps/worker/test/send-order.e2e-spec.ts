import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { AppProcess } from '../../../test/support/app-process.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';
import { seedTicket } from '../../../test/support/ticket-fixtures.js';
import { TwilioApiFake } from '../../../test/support/twilio-api-fake.js';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'0de0'.repeat(8)}`, TWILIO_AUTH_TOKEN: 'send-order-auth-token-0123456789', TWILIO_PHONE_NUMBER: '+528147771119' };
const RESOLUTION = 'Se corrigió el RFC del receptor y se volvió a timbrar.';
const isSurvey = (body: string): boolean => body.includes('¿cómo te atendimos');

/**
 * The order a customer reads our messages in, with two worker processes (the default on two cores):
 * each takes one send at a time here, so the survey queued with a resolution is taken by the worker
 * that is not sending the resolution.
 */
describe('send order across worker processes (fake Twilio REST API)', () => {
  let env: TestEnvironment;
  let sink: SmtpSink;
  let twilioApi: TwilioApiFake;
  const processes: AppProcess[] = [];
  let l1: ApiClient;

  beforeAll(async () => {
    env = await TestEnvironment.create('send-order');
    [sink, twilioApi] = await Promise.all([SmtpSink.start(), TwilioApiFake.start()]);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const shared = env.processEnv({ ...TWILIO, PUBLIC_BASE_URL: base, SMTP_URL: sink.url, TWILIO_API_URL: twilioApi.url });
    processes.push(await new AppProcess('gateway', { ...shared, PORT: String(port) }).start());
    for (let workers = 0; workers < 2; workers += 1) processes.push(await new AppProcess('worker', { ...shared, OUTBOUND_CONCURRENCY: '1' }).start());
    l1 = await (await ApiClient.signIn(base, ADMIN)).createAgent({ name: 'Carla Mesa', email: 'carla.orden@interfactura.com', tier: 'L1' });
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await Promise.all([sink?.close(), twilioApi?.close()]);
    await env?.close();
  });

  it('should text the satisfaction survey after the resolution even when Twilio is slow to take the resolution and another worker holds the survey', async () => {
    const phone = `+5281${String(Date.now()).slice(-8)}`;
    const seeded = await seedTicket(env, { email: customerAddress('orden-sms'), subject: 'Llamada: error de timbrado', severity: 2, channel: 'phone' });
    await env.query(`UPDATE contacts SET phone = $1 WHERE id = (SELECT contact_id FROM tickets WHERE id = $2)`, [phone, seeded.id]);
    // Twilio answers the resolution after 2.5 s; the survey's job is queued with it.
    twilioApi.delayNext(2_500);
    expect((await l1.post(`/api/tickets/${seeded.number}/resolve`, { resolution: RESOLUTION })).status).toBe(200);

    await twilioApi.waitForMessage((message) => message.form.To === phone && isSurvey(message.form.Body), 'the survey SMS');
    // In the order Twilio accepted them, which is the order the customer's phone shows them.
    const texts = twilioApi.sentMessages().filter((message) => message.form.To === phone);
    expect(texts.map((message) => (isSurvey(message.form.Body) ? 'survey' : message.form.Body.includes(RESOLUTION) ? 'resolution' : message.form.Body))).toEqual([
      'resolution',
      'survey',
    ]);
    // Waiting is not a failed attempt.
    const events = await env.query<{ type: string }>(`SELECT type FROM ticket_events WHERE ticket_id = $1 AND type LIKE '%delivery%'`, [seeded.id]);
    expect(events).toEqual([]);
    await eventually(async () => (await env.query(`SELECT 1 FROM outbound_deliveries WHERE ticket_id = $1 AND channel = 'phone' AND status = 'sent'`, [seeded.id])).length === 2, {
      what: 'both SMS recorded as sent',
    });
  });
});
