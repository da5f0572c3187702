import { randomBytes } from 'node:crypto';

/** The path Twilio posts an incoming SMS to (the number's "A message comes in" setting). */
export const SMS_WEBHOOK_PATH = '/webhooks/twilio/sms';

/** The fields Twilio's Messaging webhook posts for an SMS from `from` to `to`, with a fresh MessageSid. */
export function smsWebhookFields(from: string, body: string, to: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    From: from,
    To: to,
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
    ...extra,
  };
}
