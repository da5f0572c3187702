import { describe, expect, it } from '@jest/globals';
import { findAll, parseTwiml, spokenText } from '../../../../test/support/twiml.js';
import { interpretMenu } from './voice-menu.js';
import { CONFIRMATION_PAUSE_SECONDS, VoiceResponses } from './voice-responses.js';
import { VoiceRoutes } from './voice-routes.js';

const BASE = 'https://soporte.example.mx';
const CALLER = '+528112345678';
const responses = new VoiceResponses(new VoiceRoutes(BASE), 180);

describe('VoiceResponses', () => {
  it('should greet and offer the four severities and the existing-ticket key in Mexican Spanish', () => {
    const twiml = parseTwiml(responses.menu({ greeting: true, attempt: 1, ticketOption: true }));
    const [gather] = findAll(twiml, 'Gather');
    expect(gather!.attributes).toMatchObject({ input: 'dtmf', numDigits: '1', action: `${BASE}/webhooks/twilio/menu?attempt=1` });
    for (const say of findAll(twiml, 'Say')) expect(say.attributes).toEqual({ voice: 'Polly.Mia', language: 'es-MX' });
    const spoken = spokenText(twiml);
    expect(spoken).toContain('Gracias por llamar');
    expect(spoken).toContain('completamente caído y no puede operar, marque 0');
    expect(spoken).toContain('marque 3');
    expect(spoken).toContain('número de ticket y quiere agregar esta llamada, marque 4');
  });

  it('should leave the existing-ticket key out after a ticket number failed', () => {
    const twiml = parseTwiml(responses.menu({ attempt: 1, ticketOption: false }));
    expect(findAll(twiml, 'Gather')[0]!.attributes.action).toBe(`${BASE}/webhooks/twilio/menu?attempt=1&tickets=0`);
    expect(spokenText(twiml)).not.toContain('marque 4');
  });

  it('should record with transcription and carry the choice and caller in every callback URL', () => {
    const twiml = parseTwiml(responses.record({ kind: 'severity', severity: 1 }, CALLER));
    const [record] = findAll(twiml, 'Record');
    const query = 'severity=1&caller=%2B528112345678';
    expect(record!.attributes).toMatchObject({
      action: `${BASE}/webhooks/twilio/recorded?${query}`,
      recordingStatusCallback: `${BASE}/webhooks/twilio/recording-status?${query}`,
      transcribe: 'true',
      transcribeCallback: `${BASE}/webhooks/twilio/transcription?${query}`,
      playBeep: 'true',
      maxLength: '180',
    });
    // Silence records nothing and falls through to the confirmation.
    expect(findAll(twiml, 'Redirect')[0]!.text).toBe(`${BASE}/webhooks/twilio/confirmation?${query}&wait=0`);
  });

  it('should give each caller their own number in every callback URL when callers follow one another', () => {
    const first = responses.record({ kind: 'severity', severity: 2 }, CALLER);
    const second = responses.record({ kind: 'severity', severity: 2 }, '+525512345678');
    for (const [document, caller] of [[first, '%2B528112345678'], [second, '%2B525512345678']] as const) {
      const urls = [...document.matchAll(/https:\/\/[^"<]+/g)].map(([url]) => url);
      expect(urls).toHaveLength(4);
      for (const url of urls) expect(url).toContain(`severity=2&amp;caller=${caller}`);
    }
    expect(second).toBe(first.replaceAll('%2B528112345678', '%2B525512345678'));
    expect(spokenText(parseTwiml(second))).toBe(spokenText(parseTwiml(first)));
  });

  it('should read the ticket number letter by letter and digit by digit, twice, with the severity', () => {
    const twiml = parseTwiml(responses.confirmation({ number: 'IF-000123', severity: 2, severityMeaning: 'Incidente en una funcionalidad específica.', joinedExisting: false, smsFollows: true }));
    const digits = findAll(twiml, 'say-as').filter((node) => node.attributes['interpret-as'] === 'digits');
    expect(digits.map((node) => node.text)).toEqual(['000123', '000123']);
    expect(findAll(twiml, 'say-as').filter((node) => node.attributes['interpret-as'] === 'characters')[0]!.text).toBe('IF');
    const spoken = spokenText(twiml);
    expect(spoken).toContain('quedó registrada con el ticket número');
    expect(spoken).toContain('Severidad dos: Incidente en una funcionalidad específica.');
    expect(spoken).toContain('mensaje de texto');
    expect(findAll(twiml, 'Hangup')).toHaveLength(1);
  });

  it('should say the call was added when it joined an existing ticket', () => {
    expect(spokenText(parseTwiml(responses.confirmation({ number: 'IF-000045', severity: 0, severityMeaning: 'Falla total.', joinedExisting: true, smsFollows: true })))).toContain(
      'Agregamos su llamada al ticket número',
    );
  });

  it('should not promise an SMS that the loop guard keeps from going, and ask the caller to note the number', () => {
    const spoken = spokenText(parseTwiml(responses.confirmation({ number: 'IF-000045', severity: 1, severityMeaning: 'Falla parcial.', joinedExisting: true, smsFollows: false })));
    expect(spoken).not.toContain('mensaje de texto');
    expect(spoken).toContain('Por favor, anote este número');
  });

  it('should pause and come back for the ticket, counting the rounds', () => {
    const twiml = parseTwiml(responses.waitForTicket({ kind: 'ticket', ticketNumber: 'IF-000045' }, CALLER, 0));
    expect(findAll(twiml, 'Pause')[0]!.attributes.length).toBe(String(CONFIRMATION_PAUSE_SECONDS));
    expect(findAll(twiml, 'Redirect')[0]!.text).toBe(`${BASE}/webhooks/twilio/confirmation?ticket=IF-000045&caller=%2B528112345678&wait=1`);
    expect(spokenText(twiml)).toContain('Un momento');
    expect(spokenText(parseTwiml(responses.waitForTicket({ kind: 'none' }, CALLER, 1)))).toBe('');
  });

  it('should promise the number by SMS when the ticket is not there in time', () => {
    const twiml = parseTwiml(responses.smsFallback());
    expect(spokenText(twiml)).toContain('recibirá su número de ticket por mensaje de texto');
    expect(findAll(twiml, 'Hangup')).toHaveLength(1);
  });
});

describe('interpretMenu', () => {
  it('should take 0 to 3 as the severity the caller chose', () => {
    expect(interpretMenu('0', 1, true)).toEqual({ next: 'record', choice: { kind: 'severity', severity: 0 } });
    expect(interpretMenu('3', 2, false)).toEqual({ next: 'record', choice: { kind: 'severity', severity: 3 } });
  });

  it('should ask for the ticket number on 4 only while that option is offered', () => {
    expect(interpretMenu('4', 1, true)).toEqual({ next: 'ticket_prompt' });
    expect(interpretMenu('4', 1, false)).toEqual({ next: 'repeat' });
  });

  it('should repeat the menu once, then go on without a choice', () => {
    expect(interpretMenu(undefined, 1, true)).toEqual({ next: 'repeat' });
    expect(interpretMenu('7', 2, true)).toEqual({ next: 'record', choice: { kind: 'none' } });
  });
});
