import { describe, expect, it } from '@jest/globals';
import { isSmsPath, parseTwilioSms, smsDedupeKey, smsInboundMessage, type TwilioSms } from './twilio-sms.js';

const SID = `SM${'ab'.repeat(16)}`;
const context = { dedupeKey: `sms-${SID}`, receivedAt: new Date('2026-12-07T10:00:00Z') };
const parsed = (params: Record<string, string>): TwilioSms => {
  const sms = parseTwilioSms({ MessageSid: SID, From: '+528112345678', ...params });
  if ('error' in sms) throw new Error(sms.error);
  return sms;
};

describe('incoming SMS', () => {
  it('should tell the SMS webhook from the voice callbacks by its path, whatever the query', () => {
    expect(isSmsPath('/webhooks/twilio/sms')).toBe(true);
    expect(isSmsPath('/webhooks/twilio/sms?x=1')).toBe(true);
    expect(isSmsPath('/webhooks/twilio/smsx')).toBe(false);
    expect(isSmsPath('/webhooks/twilio/voice')).toBe(false);
  });

  it('should read the sender in E.164, the legacy Mexican mobile form included, and name what is wrong otherwise', () => {
    expect(parsed({ From: '+5218112345678', Body: 'Hola' })).toMatchObject({ from: '+528112345678', body: 'Hola', media: [] });
    expect(parseTwilioSms({ MessageSid: 'SM1', From: '8112345678' })).toEqual({
      error: 'MessageSid debe ser un identificador de mensaje (SM o MM y 32 dígitos hexadecimales); From debe ser un número telefónico en formato E.164',
    });
    expect(parseTwilioSms({ MessageSid: SID, From: '+528112345678', NumMedia: 'x' })).toEqual({ error: 'NumMedia debe ser un número de 0 a 10' });
  });

  it('should list every file of an MMS, with its https address or saying it came without one', () => {
    const sms = parsed({ NumMedia: '3', MediaUrl0: 'https://api.twilio.com/m/0', MediaContentType0: 'image/png', MediaUrl1: 'javascript:alert(1)' });
    expect(smsInboundMessage(sms, context).text).toBe(
      [
        'Archivo adjunto (image/png): https://api.twilio.com/m/0',
        'Archivo adjunto (application/octet-stream): Twilio no dio una dirección https para abrirlo',
        'Archivo adjunto (application/octet-stream): Twilio no dio una dirección https para abrirlo',
      ].join('\n\n'),
    );
    expect(smsInboundMessage(sms, context).automated).toBeUndefined();
  });

  it('should join its sender’s ticket, its subject the first words, and mark only a message that is nothing but an opt-out keyword', () => {
    const message = smsInboundMessage(parsed({ Body: '  Stop, no puedo timbrar\u0000 ' }), context);
    expect(message).toMatchObject({ channel: 'phone', externalId: context.dedupeKey, from: { phone: '+528112345678' }, text: 'Stop, no puedo timbrar', threadBySender: true });
    expect(message.automated).toBeUndefined();
    expect(smsInboundMessage(parsed({ Body: ' stop ' }), context).automated).toEqual({ kind: 'sms_keyword', reason: "Twilio's keyword STOP" });
    expect(smsInboundMessage(parsed({ Body: 'Stop.' }), context).automated).toEqual({ kind: 'sms_keyword', reason: "Twilio's keyword STOP" });
    expect(smsInboundMessage(parsed({ Body: 'Info' }), context).automated).toBeUndefined();
    expect(smsInboundMessage(parsed({ Body: '  ' }), context).automated).toEqual({ kind: 'empty_sms', reason: 'an SMS with no text and no file' });
    expect(smsDedupeKey(parsed({}))).toBe(`sms-${SID}`);
  });
});
