import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { findAll, parseTwiml, type TwimlNode } from './twiml.js';

const sid = (prefix: string): string => `${prefix}${randomBytes(16).toString('hex')}`;

export interface WebhookResponse {
  status: number;
  text: string;
}

/** Posts webhooks to a gateway the way Twilio does: form-encoded and signed with the `twilio` package. */
export class TwilioWebhookClient {
  constructor(
    /** Where the next request goes; a sender may fail over to another gateway. */
    public gatewayUrl: string,
    readonly publicBaseUrl: string,
    readonly accountSid: string,
    private readonly authToken: string,
  ) {}

  /** `target` is a path (`/webhooks/twilio/voice`) or a URL from our own TwiML. `signature: null` sends none. */
  async post(
    target: string,
    params: Record<string, string>,
    options: { signature?: string | null; contentType?: string; body?: string } = {},
  ): Promise<WebhookResponse> {
    const path = target.startsWith(this.publicBaseUrl) ? target.slice(this.publicBaseUrl.length) : target;
    const signature =
      options.signature === undefined ? twilio.getExpectedTwilioSignature(this.authToken, `${this.publicBaseUrl}${path}`, params) : options.signature;
    const response = await fetch(`${this.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        ...(signature === null ? {} : { 'x-twilio-signature': signature }),
      },
      body: options.body ?? new URLSearchParams(params).toString(),
    });
    return { status: response.status, text: await response.text() };
  }
}

/**
 * One phone call as Twilio would drive it: every request carries the call's fields, and the next
 * URL comes from the TwiML we answered (Gather/Record actions, Redirects), as Twilio follows it.
 */
export class SimulatedCall {
  readonly callSid = sid('CA');
  readonly recordingSid = sid('RE');
  readonly transcriptionSid = sid('TR');
  /** Every TwiML answer of the call, in order. */
  readonly answers: TwimlNode[] = [];

  constructor(
    private readonly client: TwilioWebhookClient,
    readonly from: string,
    readonly to = '+528147771119',
  ) {}

  get recordingUrl(): string {
    return `https://api.twilio.com/2010-04-01/Accounts/${this.client.accountSid}/Recordings/${this.recordingSid}`;
  }

  fields(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AccountSid: this.client.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: this.callSid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      From: this.from,
      To: this.to,
      ...extra,
    };
  }

  /** Posts a callback of this call and parses the TwiML answer (throws on a non-200). */
  async request(target: string, extra: Record<string, string> = {}): Promise<TwimlNode> {
    const response = await this.client.post(target, this.fields(extra));
    if (response.status !== 200) throw new Error(`${target} answered ${response.status}: ${response.text}`);
    const twiml = parseTwiml(response.text);
    this.answers.push(twiml);
    return twiml;
  }

  /** The call comes in (the number's voice URL). */
  dial(): Promise<TwimlNode> {
    return this.request('/webhooks/twilio/voice', { CallStatus: 'ringing' });
  }

  /** Keys pressed at the `<Gather>` of this TwiML (empty: the caller pressed nothing). */
  press(twiml: TwimlNode, digits: string): Promise<TwimlNode> {
    return this.request(only(twiml, 'Gather').attributes.action!, digits ? { Digits: digits } : {});
  }

  /** The caller speaks after the tone of this TwiML's `<Record>` and presses #. */
  speak(twiml: TwimlNode, seconds = 42): Promise<TwimlNode> {
    return this.request(this.recordAttribute(twiml, 'action'), {
      RecordingSid: this.recordingSid,
      RecordingUrl: this.recordingUrl,
      RecordingDuration: String(seconds),
      Digits: '#',
    });
  }

  /** Follows this TwiML's `<Redirect>`. */
  follow(twiml: TwimlNode): Promise<TwimlNode> {
    return this.request(only(twiml, 'Redirect').text);
  }

  recordAttribute(twiml: TwimlNode, name: string): string {
    return only(twiml, 'Record').attributes[name]!;
  }

  /** Twilio's asynchronous callbacks after the recording (URLs as our `<Record>` named them). */
  recordingStatusCallback(record: TwimlNode, status = 'completed', seconds = 42): [string, Record<string, string>] {
    return [
      this.recordAttribute(record, 'recordingStatusCallback'),
      {
        AccountSid: this.client.accountSid,
        CallSid: this.callSid,
        RecordingSid: this.recordingSid,
        RecordingUrl: status === 'completed' ? this.recordingUrl : '',
        RecordingStatus: status,
        RecordingDuration: String(seconds),
        RecordingChannels: '1',
        RecordingSource: 'RecordVerb',
      },
    ];
  }

  transcriptionCallback(record: TwimlNode, text: string): [string, Record<string, string>] {
    return [
      this.recordAttribute(record, 'transcribeCallback'),
      this.fields({
        TranscriptionSid: this.transcriptionSid,
        TranscriptionText: text,
        TranscriptionStatus: 'completed',
        TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${this.client.accountSid}/Transcriptions/${this.transcriptionSid}`,
        RecordingSid: this.recordingSid,
        RecordingUrl: this.recordingUrl,
        CallStatus: 'completed',
      }),
    ];
  }

  statusCallback(status = 'completed', seconds = 95): [string, Record<string, string>] {
    return ['/webhooks/twilio/status', this.fields({ CallStatus: status, CallDuration: String(seconds) })];
  }

  /** Posts one asynchronous callback, as Twilio does (no TwiML expected back). */
  async deliver([target, params]: [string, Record<string, string>]): Promise<void> {
    const response = await this.client.post(target, params);
    if (response.status !== 200) throw new Error(`${target} answered ${response.status}: ${response.text}`);
  }
}

function only(twiml: TwimlNode, name: string): TwimlNode {
  const [node] = findAll(twiml, name);
  if (!node) throw new Error(`the TwiML has no <${name}>`);
  return node;
}
