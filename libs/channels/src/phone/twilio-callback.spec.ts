import { describe, expect, it } from '@jest/globals';
import { callFactsOf, callbackDedupeKey, parseTwilioCallback, type TwilioCallback } from './twilio-callback.js';

const CALL = `CA${'1'.repeat(32)}`;
const RECORDING = `RE${'2'.repeat(32)}`;
const TRANSCRIPTION = `TR${'3'.repeat(32)}`;

const parse = (path: string, params: Record<string, string>): TwilioCallback => {
  const parsed = parseTwilioCallback(path, params);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

describe('parseTwilioCallback', () => {
  it('should say what is wrong with a callback it cannot use', () => {
    expect(parseTwilioCallback('/webhooks/twilio/voice', { From: '+528112345678' })).toEqual({ error: expect.stringContaining('CallSid') });
    expect(parseTwilioCallback('/webhooks/twilio/status', { CallSid: CALL, CallStatus: 'exploded' })).toEqual({
      error: expect.stringContaining('CallStatus debe ser uno de'),
    });
    expect(parseTwilioCallback('/webhooks/twilio/recorded?severity=7', { CallSid: CALL })).toEqual({ error: expect.stringContaining('severity') });
    expect(parseTwilioCallback('/webhooks/twilio/nope', { CallSid: CALL })).toEqual({ error: expect.stringContaining('desconocida') });
  });
});

describe('callbackDedupeKey', () => {
  it('should identify callbacks by call, recording and transcription SIDs, so retries are stored once', () => {
    expect(callbackDedupeKey(parse('/webhooks/twilio/status', { CallSid: CALL, CallStatus: 'completed' }))).toBe(`call-${CALL}-status-completed`);
    expect(
      callbackDedupeKey(parse('/webhooks/twilio/recording-status?severity=1', { CallSid: CALL, RecordingSid: RECORDING, RecordingStatus: 'completed' })),
    ).toBe(`call-${CALL}-recording-status-${RECORDING}-completed`);
    expect(
      callbackDedupeKey(parse('/webhooks/twilio/transcription', { CallSid: CALL, TranscriptionSid: TRANSCRIPTION, TranscriptionStatus: 'completed' })),
    ).toBe(`call-${CALL}-transcription-${TRANSCRIPTION}`);
  });

  it('should tell repeated menus and wait rounds of one call apart', () => {
    const first = callbackDedupeKey(parse('/webhooks/twilio/menu?attempt=1', { CallSid: CALL, Digits: '9' }));
    const second = callbackDedupeKey(parse('/webhooks/twilio/menu?attempt=2', { CallSid: CALL, Digits: '1' }));
    expect(first).not.toBe(second);
  });
});

describe('callFactsOf', () => {
  it('should read the menu key as the severity the caller chose, and their legacy mobile number in E.164', () => {
    const facts = callFactsOf(parse('/webhooks/twilio/menu?attempt=1', { CallSid: CALL, From: '+5218112345678', To: '+528147771119', Digits: '1' }));
    expect(facts).toMatchObject({ step: 'menu', caller: '+528112345678', called: '+528147771119', choice: { kind: 'severity', severity: 1 } });
  });

  it('should take the choice and caller from the callback URL when Twilio does not send them', () => {
    const facts = callFactsOf(
      parse('/webhooks/twilio/recording-status?ticket=IF-000045&caller=%2B528112345678', {
        CallSid: CALL,
        RecordingSid: RECORDING,
        RecordingUrl: 'https://api.twilio.com/rec',
        RecordingStatus: 'completed',
        RecordingDuration: '42',
      }),
    );
    expect(facts).toMatchObject({
      caller: '+528112345678',
      choice: { kind: 'ticket', ticketNumber: 'IF-000045' },
      recording: { sid: RECORDING, url: 'https://api.twilio.com/rec', durationSeconds: 42, status: 'completed' },
    });
  });

  it('should pass typed ticket digits on for the intake to check', () => {
    expect(callFactsOf(parse('/webhooks/twilio/ticket?attempt=1', { CallSid: CALL, From: '+528112345678', Digits: '45' }))).toMatchObject({
      step: 'ticket_menu',
      ticketDigits: '45',
    });
  });
});
