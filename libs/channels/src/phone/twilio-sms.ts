import { wellFormed, withoutNul } from '@app/platform';
import { firstWordsSubject } from '../contract/first-words-subject.js';
import type { InboundMessage } from '../contract/inbound-message.js';
import { normalizePhoneNumber } from './phone-number.js';
import { TWILIO_WEBHOOK_PATH } from './voice-routes.js';

/** Where the number's Messaging webhook points ("A message comes in" in Twilio's console). */
export const TWILIO_SMS_PATH = `${TWILIO_WEBHOOK_PATH}sms`;

/** An SMS (or MMS) a customer sent to our number, as Twilio's Messaging webhook posts it. */
export interface TwilioSms {
  messageSid: string;
  /** The sender in E.164. */
  from: string;
  body: string;
  /** Files of an MMS as Twilio declares them: Twilio keeps them; we keep their addresses. */
  media: Array<{ url: string; contentType: string }>;
}

const MESSAGE_SID = /^(SM|MM)[0-9a-f]{32}$/i;
/**
 * Twilio's opt-out and opt-in keywords: it answers them itself and stops or resumes our SMS to the
 * number. Its help keywords (HELP, INFO) are not here: a customer who writes "Info" wants an answer
 * from a person too, so that is a message like any other.
 */
const TWILIO_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'START', 'YES', 'UNSTOP']);
/** Twilio sends at most ten files per MMS. */
const MAX_MEDIA = 10;

export const isSmsPath = (pathAndQuery: string): boolean => new URL(pathAndQuery, 'http://sms.invalid').pathname === TWILIO_SMS_PATH;

/** Reads an incoming message's fields, or says what is wrong with them. */
export function parseTwilioSms(params: Record<string, string>): TwilioSms | { error: string } {
  const problems: string[] = [];
  const messageSid = params.MessageSid ?? '';
  if (!MESSAGE_SID.test(messageSid)) problems.push('MessageSid debe ser un identificador de mensaje (SM o MM y 32 dígitos hexadecimales)');
  const from = normalizePhoneNumber(params.From);
  if (!from) problems.push('From debe ser un número telefónico en formato E.164');
  const mediaCount = params.NumMedia === undefined ? 0 : /^\d{1,2}$/.test(params.NumMedia) ? Number(params.NumMedia) : -1;
  if (mediaCount < 0 || mediaCount > MAX_MEDIA) problems.push(`NumMedia debe ser un número de 0 a ${MAX_MEDIA}`);
  if (problems.length > 0) return { error: problems.join('; ') };
  const media = Array.from({ length: mediaCount }, (_, index) => ({
    url: params[`MediaUrl${index}`] ?? '',
    contentType: params[`MediaContentType${index}`] ?? 'application/octet-stream',
  }));
  return { messageSid, from: from!, body: params.Body ?? '', media };
}

/** Identity of an incoming message at its source: Twilio's retry of the webhook carries the same MessageSid. */
export const smsDedupeKey = (sms: TwilioSms): string => `sms-${sms.messageSid}`;

/**
 * The channel-neutral message. An SMS has no thread of its own, so it joins its sender's latest
 * ticket (`threadBySender`). Marked automated, so they open no ticket: one of Twilio's opt-out or
 * opt-in keywords alone (Twilio answers it; punctuation around it ignored), and an SMS with nothing
 * in it. Every declared file is listed: its https address, or that it came without one.
 */
export function smsInboundMessage(sms: TwilioSms, context: { dedupeKey: string; receivedAt: Date }): InboundMessage {
  const body = wellFormed(withoutNul(sms.body)).trim();
  const files = sms.media.map((file) => `Archivo adjunto (${file.contentType}): ${/^https:\/\/\S+$/.test(file.url) ? file.url : 'Twilio no dio una dirección https para abrirlo'}`);
  const keyword = body.replace(/^[\s.,;:!¡?¿]+|[\s.,;:!¡?¿]+$/g, '').toUpperCase();
  const automated = TWILIO_KEYWORDS.has(keyword)
    ? { kind: 'sms_keyword' as const, reason: `Twilio's keyword ${keyword}` }
    : !body && files.length === 0
      ? { kind: 'empty_sms' as const, reason: 'an SMS with no text and no file' }
      : undefined;
  return {
    channel: 'phone',
    externalId: context.dedupeKey,
    receivedAt: context.receivedAt,
    from: { phone: sms.from },
    subject: firstWordsSubject(body || files.join(' ')),
    text: [body, ...files].filter(Boolean).join('\n\n'),
    attachments: [],
    threadRefs: [],
    threadBySender: true,
    ...(automated ? { automated } : {}),
  };
}
