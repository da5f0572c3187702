import { wellFormed, withoutNul } from '@app/platform';
import type { ChannelAdapter, StoredItemContext } from '../contract/channel-adapter.js';
import { UnprocessableInboundError } from '../contract/channel-errors.js';
import type { InboundMessage } from '../contract/inbound-message.js';
import type { OutboundMessage, SendResult } from '../contract/outbound-message.js';
import type { PhoneSettings } from './phone-config.js';
import { SmsSender } from './sms-sender.js';
import { callFactsOf, parseTwilioCallback, type StoredTwilioCallback } from './twilio-callback.js';
import { isSmsPath, parseTwilioSms, smsInboundMessage } from './twilio-sms.js';

/** The phone channel: Twilio's stored voice callbacks and incoming SMS in, SMS out. */
export class PhoneAdapter implements ChannelAdapter {
  readonly channel = 'phone' as const;
  private readonly sms: SmsSender;

  constructor(settings: PhoneSettings) {
    this.sms = new SmsSender(settings);
  }

  normalize(raw: Buffer, context: StoredItemContext): Promise<InboundMessage> {
    const stored = readStored(raw);
    if (isSmsPath(stored.path)) {
      const sms = parseTwilioSms(stored.params);
      if ('error' in sms) throw new UnprocessableInboundError(`unreadable Twilio SMS: ${sms.error}`);
      return Promise.resolve(smsInboundMessage(sms, context));
    }
    const callback = parseTwilioCallback(stored.path, storableParams(stored.params));
    if ('error' in callback) throw new UnprocessableInboundError(`unreadable Twilio callback: ${callback.error}`);
    const facts = callFactsOf(callback);
    return Promise.resolve({
      channel: 'phone',
      externalId: context.dedupeKey,
      receivedAt: context.receivedAt,
      from: { phone: facts.caller },
      subject: '',
      text: '',
      attachments: [],
      threadRefs: [],
      // All callbacks of one call belong to one conversation (the call intake puts it on one ticket).
      conversationRef: callback.callSid,
      call: facts,
    });
  }

  send(message: OutboundMessage): Promise<SendResult> {
    return this.sms.send(message);
  }
}

/**
 * The callback's fields as Postgres can keep them: a NUL or half a surrogate pair (in a transcription,
 * say) would fail the item on every attempt, and the call's card would never get its text. The
 * signature was checked on the fields as they came, when the gateway stored them.
 */
function storableParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? wellFormed(withoutNul(value)) : value]));
}

function readStored(raw: Buffer): StoredTwilioCallback {
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as Partial<StoredTwilioCallback>;
    if (typeof parsed.path === 'string' && typeof parsed.params === 'object' && parsed.params !== null) return parsed as StoredTwilioCallback;
  } catch {
    // fall through: reported below with the same reason as any other malformed item
  }
  throw new UnprocessableInboundError('stored Twilio callback is not {path, params} JSON');
}
