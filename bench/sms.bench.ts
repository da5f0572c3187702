import twilio from 'twilio';
import { createTwilioClient, RebasedRequestClient } from '../libs/channels/src/phone/twilio-rest-client.js';
import { TwilioApiFake } from '../test/support/twilio-api-fake.js';
import { BENCH_TWILIO } from './system-under-test.js';

export interface SmsClientResult {
  scenario: 'sms';
  sent: number;
  /** CPU of this process per SMS, in µs: the client's work and the fake's, which is the same for both. */
  cpuMicrosecondsPerSms: { ours: number; sdk: number };
}

/** SMS in flight at once, as the worker sends them (OUTBOUND_CONCURRENCY in the bench). */
const CONCURRENCY = 16;
const WARMUP = 300;

/**
 * What one confirmation SMS costs the process that sends it (`BENCH_ONLY=sms`): `count` Messages API
 * calls to the Twilio fake in this process, through the client the worker uses (TwilioHttpClient)
 * and through the SDK's own axios client, in turn. The fake's share is the same in both, so the
 * difference is the clients'.
 */
export async function runSmsClients(count: number): Promise<SmsClientResult> {
  const fake = await TwilioApiFake.start();
  try {
    const credentials = { accountSid: BENCH_TWILIO.accountSid, authToken: BENCH_TWILIO.authToken, apiUrl: fake.url };
    const ours = createTwilioClient(credentials, {});
    const sdk = twilio(credentials.accountSid, credentials.authToken, { accountSid: credentials.accountSid, env: {}, httpClient: new RebasedRequestClient(fake.url) });
    const perSms = { ours: 0, sdk: 0 };
    // Twice in turn: the first pass of each warms the process for both.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const [name, client] of [['ours', ours], ['sdk', sdk]] as const) perSms[name] = await cpuPerSms(client, count);
      fake.requests.length = 0;
    }
    return { scenario: 'sms', sent: count, cpuMicrosecondsPerSms: perSms };
  } finally {
    await fake.close();
  }
}

async function cpuPerSms(client: twilio.Twilio, count: number): Promise<number> {
  const send = (index: number) => client.messages.create({ to: '+528112345678', from: BENCH_TWILIO.line, body: `Soporte Interfactura: Registramos tu solicitud con el ticket IF-${index}. Severidad 2.` });
  for (let index = 0; index < WARMUP; index += 1) await send(index);
  const before = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await send((next += 1));
    }),
  );
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / count);
}
