import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { TwilioApiFake } from '../../../../test/support/twilio-api-fake.js';
import { PermanentDeliveryError } from '../contract/channel-errors.js';
import type { OutboundMessage } from '../contract/outbound-message.js';
import { SmsSender } from './sms-sender.js';
import { TwilioHttpClient } from './twilio-http-client.js';
import { createTwilioClient } from './twilio-rest-client.js';

const ACCOUNT = `AC${'0123456789abcdef'.repeat(2)}`;
const LINE = '+528147771119';
const CUSTOMER = '+528112345678';

const confirmation = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  channel: 'phone',
  kind: 'confirmation',
  ticketNumber: 'IF-41',
  recipient: CUSTOMER,
  subject: 'Ticket IF-41',
  text: 'Interfactura: registramos tu solicitud con el ticket IF-41, severidad 2 & "falla parcial".',
  html: '',
  externalId: 'sms-IF-41',
  threadRefs: [],
  automatic: true,
  severity: 2,
  severityMeaning: 'una funcionalidad falla',
  authorName: null,
  writtenAt: new Date(),
  earlierAttemptAt: null,
  ...overrides,
});

// The SMS sender against a local HTTP fake of Twilio's REST API (the real one cannot be reached
// from here), through the SDK and the HTTP client it is given (TwilioHttpClient).
describe('SmsSender', () => {
  let fake: TwilioApiFake;
  let sender: SmsSender;

  beforeAll(async () => {
    fake = await TwilioApiFake.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.failWith = undefined;
    sender = new SmsSender({
      twilio: { accountSid: ACCOUNT, authToken: 'auth-token-0123456789abcdef01234', apiUrl: fake.url },
      phoneNumber: LINE,
      publicBaseUrl: 'https://soporte.example.mx',
      confirmationWaitSeconds: 10,
      recordingMaxSeconds: 120,
    });
  });

  it('should post the text from the support line to the customer, authenticated as the account', async () => {
    await expect(sender.send(confirmation())).resolves.toEqual({ status: 'sent' });
    const [sms] = fake.sentMessages();
    expect(sms).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, user: ACCOUNT });
    expect(sms!.form).toEqual({ To: CUSTOMER, From: LINE, Body: confirmation().text });
  });

  it('should give up on an SMS Twilio refuses (4xx), saying why, so it is not retried', async () => {
    fake.failNext(400);
    const refused = sender.send(confirmation());
    await expect(refused).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(refused).rejects.toThrow('Twilio rechazó el SMS (HTTP 400, error 21211): fake Twilio answers 400');
  });

  it('should throw a retryable error while Twilio fails (5xx) or cannot be reached', async () => {
    fake.failNext(500);
    const failed = sender.send(confirmation());
    await expect(failed).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    await expect(failed).rejects.toMatchObject({ status: 500 });

    const unreachable = new SmsSender({
      twilio: { accountSid: ACCOUNT, authToken: 'auth-token-0123456789abcdef01234', apiUrl: 'http://127.0.0.1:9' },
      phoneNumber: LINE,
      publicBaseUrl: 'https://soporte.example.mx',
      confirmationWaitSeconds: 10,
      recordingMaxSeconds: 120,
    });
    await expect(unreachable.send(confirmation())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('should not send again what an earlier attempt got accepted, and send what it did not', async () => {
    const earlierAttemptAt = new Date();
    await sender.send(confirmation());
    await expect(sender.send(confirmation({ earlierAttemptAt }))).resolves.toEqual({ status: 'sent' });
    expect(fake.sentMessages()).toHaveLength(1);
    // The lookup asked for this number's messages from the line, by query.
    const lookup = fake.requests.find((request) => request.method === 'GET')!;
    expect(new URL(lookup.path, 'http://fake.invalid').searchParams.get('To')).toBe(CUSTOMER);
    expect(new URL(lookup.path, 'http://fake.invalid').searchParams.get('From')).toBe(LINE);

    await sender.send(confirmation({ text: 'Interfactura: otro aviso del ticket IF-41.', earlierAttemptAt }));
    expect(fake.sentMessages()).toHaveLength(2);
  });
});

describe('TwilioHttpClient', () => {
  let fake: TwilioApiFake;

  beforeAll(async () => {
    fake = await TwilioApiFake.start();
  });
  afterAll(() => fake.close());

  it('should give up on a Twilio that does not answer within its timeout', async () => {
    const client = twilio(ACCOUNT, 'auth-token', { accountSid: ACCOUNT, env: {}, httpClient: new TwilioHttpClient(200, fake.url) as never });
    fake.delayNext(1_000);
    await expect(client.messages.create({ to: CUSTOMER, from: LINE, body: 'hola' })).rejects.toThrow('Twilio did not answer within 200 ms');
  });

  it('should rebase onto its base URL, repeat a list parameter, add parameters to the query and send JSON as JSON', async () => {
    const seen: Array<{ method: string; url: string; type: string | undefined; body: string }> = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ method: request.method!, url: request.url!, type: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new TwilioHttpClient(1_000, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const form = await client.request({
        method: 'post',
        uri: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: { To: CUSTOMER, MediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'], Unset: undefined },
      });
      expect(form).toMatchObject({ statusCode: 200, body: '{"ok":true}' });
      await client.request({ method: 'get', uri: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages.json?PageSize=5`, params: { To: CUSTOMER } });
      await client.request({ method: 'post', uri: 'https://api.twilio.com/v1/Things', headers: { 'Content-Type': 'application/json' }, data: { a: [1, 2] } });
    } finally {
      server.close();
    }
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
        type: 'application/x-www-form-urlencoded',
        body: 'To=%2B528112345678&MediaUrl=https%3A%2F%2Fa.example%2F1.png&MediaUrl=https%3A%2F%2Fa.example%2F2.png',
      },
      { method: 'GET', url: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json?PageSize=5&To=%2B528112345678`, type: undefined, body: '' },
      { method: 'POST', url: '/v1/Things', type: 'application/json', body: '{"a":[1,2]}' },
    ]);
  });
});

describe('createTwilioClient', () => {
  const credentials = { accountSid: ACCOUNT, authToken: 'auth-token', apiUrl: 'http://127.0.0.1:9' };

  it('should send through TwilioHttpClient, and through the SDK\'s own client where a proxy or CA bundle is set for it', () => {
    expect(createTwilioClient(credentials, {}).httpClient).toBeInstanceOf(TwilioHttpClient);
    expect(createTwilioClient(credentials, { HTTP_PROXY: 'http://proxy.example:3128' }).httpClient).toBeInstanceOf(twilio.RequestClient);
    expect(createTwilioClient({ ...credentials, apiUrl: undefined }, { TWILIO_CA_BUNDLE: '/etc/ssl/twilio.pem' }).httpClient).toBeInstanceOf(twilio.RequestClient);
  });
});
