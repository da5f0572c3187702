import { Logger } from '@nestjs/common';
import type { InboundSink } from '../contract/inbound-sink.js';
import { callbackDedupeKey, parseTwilioCallback, type StoredTwilioCallback } from './twilio-callback.js';
import type { TwilioSignatureVerifier } from './twilio-signature.js';
import { isSmsPath, parseTwilioSms, smsDedupeKey } from './twilio-sms.js';
import type { VoiceFlow } from './voice-flow.js';

/** A webhook request as the gateway received it. */
export interface WebhookRequest {
  /** Path and query as requested (Express `originalUrl`). */
  pathAndQuery: string;
  contentType: string | undefined;
  /** The parsed body. */
  body: unknown;
  signature: string | undefined;
}

export interface WebhookAnswer {
  status: number;
  contentType: 'text/xml' | 'text/plain';
  body: string;
}

const plain = (status: number, body: string): WebhookAnswer => ({ status, contentType: 'text/plain', body });
/** An SMS is answered with nothing: its confirmation, when it opens a ticket, is sent by the worker. */
const NO_REPLY: WebhookAnswer = { status: 200, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' };

/** What a signed request is stored as: its identity at Twilio, and how the logs name it. */
interface StorableRequest {
  dedupeKey: string;
  sourceRef: string;
  subject: string;
}

/**
 * Twilio's requests (the voice callbacks and incoming SMS), end to end: 503 while the channel is not
 * configured, 403 for a missing or wrong signature, 400 for a signed request we cannot read, 503 when
 * it cannot be stored and queued (so Twilio retries); otherwise it is stored raw, then answered with
 * TwiML (an SMS with an empty answer).
 */
export class PhoneWebhooks {
  private readonly logger = new Logger(PhoneWebhooks.name);

  constructor(
    private readonly configured: { verifier: TwilioSignatureVerifier; flow: VoiceFlow } | null,
    private readonly inbound: InboundSink,
  ) {}

  async handle(request: WebhookRequest): Promise<WebhookAnswer> {
    if (!this.configured) return plain(503, 'El canal telefónico no está configurado: falta TWILIO_AUTH_TOKEN.');
    // The content type first: the signature covers form fields, and another body has none to check.
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.contentType ?? '')) {
      return plain(400, 'Los webhooks de Twilio se envían como application/x-www-form-urlencoded.');
    }
    const body = isRecord(request.body) ? request.body : {};
    if (!this.configured.verifier.isValid(request.pathAndQuery, body as Record<string, string>, request.signature)) {
      return plain(403, 'Falta X-Twilio-Signature o no corresponde a esta solicitud.');
    }
    const params = flatFields(body);
    if (!params) return plain(400, 'Los campos del formulario deben ser pares nombre=valor simples.');
    if (isSmsPath(request.pathAndQuery)) {
      const sms = parseTwilioSms(params);
      if ('error' in sms) return plain(400, sms.error);
      const stored = await this.store(request.pathAndQuery, params, { dedupeKey: smsDedupeKey(sms), sourceRef: `twilio sms ${sms.messageSid}`, subject: 'Twilio SMS' });
      return stored ? NO_REPLY : plain(503, 'No se pudo guardar el mensaje de Twilio; intenta de nuevo.');
    }
    const callback = parseTwilioCallback(request.pathAndQuery, params);
    if ('error' in callback) return plain(400, callback.error);
    const stored = await this.store(request.pathAndQuery, params, {
      dedupeKey: callbackDedupeKey(callback),
      sourceRef: `twilio ${callback.kind} ${callback.callSid}`,
      subject: `Twilio ${callback.kind} callback`,
    });
    if (!stored) return plain(503, 'No se pudo guardar la llamada de Twilio; intenta de nuevo.');
    try {
      return { status: 200, contentType: 'text/xml', body: await this.configured.flow.answer(callback) };
    } catch (error) {
      this.logger.warn(`could not answer a Twilio ${callback.kind} callback of ${callback.callSid}: ${(error as Error).message}`);
      return plain(503, 'No se pudo contestar la llamada en este momento; intenta de nuevo.');
    }
  }

  /** Stores the request as Twilio sent it; false when it could not be stored (Twilio then retries). */
  private async store(path: string, params: Record<string, string>, what: StorableRequest): Promise<boolean> {
    const stored: StoredTwilioCallback = { path, params };
    try {
      await this.inbound.accept({
        channel: 'phone',
        dedupeKey: what.dedupeKey,
        sourceRef: what.sourceRef,
        raw: Buffer.from(JSON.stringify(stored)),
        summary: { from: params.From, subject: what.subject },
      });
      return true;
    } catch (error) {
      this.logger.warn(`could not store ${what.sourceRef}: ${(error as Error).message}`);
      return false;
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Twilio posts flat fields; nested or repeated ones (name[a]=, name=&name=) are not from Twilio. */
function flatFields(body: Record<string, unknown>): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') return undefined;
    fields[name] = value;
  }
  return fields;
}
