import { describe, expect, it } from '@jest/globals';
import type { CallFacts } from '@app/channels';
import { RECORDING_DELETED_TEXT, renderCallMessage, transcriptionOfCard } from './call-message.js';
import { callbackMayPlaceCall, EMPTY_CALL_STATE, isMissedCall, mergeCallFacts, newlyKnownFacts, RECORDING_DELETED, type CallState } from './call-state.js';

const SID = 'CA0001';
const KEYS = { all: `call-${SID}-`, status: `call-${SID}-status-` };
const started: CallFacts = { callSid: SID, itemKeyPrefixes: KEYS, step: 'started', caller: '+528112345678', called: '+528147771119' };
const menu: CallFacts = { callSid: SID, itemKeyPrefixes: KEYS, step: 'menu', caller: '+528112345678', choice: { kind: 'severity', severity: 1 } };
const recorded: CallFacts = { callSid: SID, itemKeyPrefixes: KEYS, step: 'recorded', choice: { kind: 'severity', severity: 1 }, recording: { sid: 'RE1', url: 'https://r/1', durationSeconds: 40 } };
const recordingStatus: CallFacts = {
  callSid: SID,
  itemKeyPrefixes: KEYS,
  step: 'recording',
  choice: { kind: 'severity', severity: 1 },
  recording: { sid: 'RE1', url: 'https://r/1', durationSeconds: 40, status: 'completed' },
};
const transcription: CallFacts = {
  callSid: SID,
  itemKeyPrefixes: KEYS,
  step: 'transcription',
  recording: { sid: 'RE1', url: 'https://r/1' },
  transcription: { sid: 'TR1', text: 'No puedo timbrar', status: 'completed' },
};
const ended: CallFacts = { callSid: SID, itemKeyPrefixes: KEYS, step: 'status', status: { value: 'completed', durationSeconds: 95 } };
const ringing: CallFacts = { callSid: SID, itemKeyPrefixes: KEYS, step: 'status', status: { value: 'ringing' } };

const apply = (facts: CallFacts[]): CallState => facts.reduce(mergeCallFacts, EMPTY_CALL_STATE);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('mergeCallFacts', () => {
  it('should end in the same state, card and events whatever order and however often the callbacks come', () => {
    const all = [started, menu, recorded, recordingStatus, transcription, ended, ringing];
    const expected = apply(all);
    expect(expected).toMatchObject({ callStatus: 'completed', callDurationSeconds: 95, recordingStatus: 'completed', transcriptionText: 'No puedo timbrar' });
    for (const order of permutations(all)) {
      const state = apply([...order, ...order.slice(0, 3)]);
      expect(state).toEqual(expected);
      expect(renderCallMessage(state)).toBe(renderCallMessage(expected));
      const events = order.reduce<{ state: CallState; types: string[] }>(
        (acc, facts) => {
          const next = mergeCallFacts(acc.state, facts);
          return { state: next, types: [...acc.types, ...newlyKnownFacts(SID, acc.state, next).map((event) => event.type)] };
        },
        { state: EMPTY_CALL_STATE, types: [] },
      );
      expect(events.types.sort()).toEqual(['call_ended', 'call_recording_received', 'call_transcribed']);
    }
  });

  it('should keep the first choice and the first final status', () => {
    const state = apply([menu, { ...menu, choice: { kind: 'none' } }, ended, { ...ended, status: { value: 'busy' } }]);
    expect(state.choice).toEqual({ kind: 'severity', severity: 1 });
    expect(state.callStatus).toBe('completed');
  });
});

describe('isMissedCall', () => {
  it('should call a call missed when it ended without a recording, and not while it goes on', () => {
    expect(isMissedCall(apply([started, menu, ended]))).toBe(true);
    expect(isMissedCall(apply([started, menu]))).toBe(false);
    expect(isMissedCall(apply([started, { ...ended, status: { value: 'no-answer' } }]))).toBe(true);
  });

  it('should stop calling it missed once its recording arrives, even after the end', () => {
    expect(isMissedCall(apply([started, menu, ended, recordingStatus]))).toBe(false);
  });

  it('should call it missed when the recording turned out empty', () => {
    expect(isMissedCall(apply([menu, recorded, { ...recordingStatus, recording: { sid: 'RE1', status: 'absent' } }, ended]))).toBe(true);
  });

  it('should say the transcription is not available when Twilio completes it without text, not pending forever', () => {
    const empty: CallFacts = { ...transcription, transcription: { sid: 'TR1', text: '', status: 'completed' } };
    expect(renderCallMessage(apply([started, menu, recorded, recordingStatus, empty]))).toContain('Transcripción: no disponible (vacía).');
    expect(renderCallMessage(apply([started, menu, recorded, recordingStatus]))).toContain('Transcripción: pendiente.');
    expect(newlyKnownFacts(SID, apply([started, menu, recorded, recordingStatus]), apply([started, menu, recorded, recordingStatus, empty])).map((event) => event.type)).toContain('call_transcribed');
  });

  it('should give back the caller’s own words from a card, and nothing before the transcription', () => {
    expect(transcriptionOfCard(renderCallMessage(apply([started, menu, recorded, transcription])))).toBe('No puedo timbrar');
    expect(transcriptionOfCard(renderCallMessage(apply([started, menu, recorded])))).toBe('');
  });

  it('should say so on the call card', () => {
    expect(renderCallMessage(apply([started, ended]))).toContain('colgó antes de elegir');
    expect(renderCallMessage(apply([started, ended]))).toContain('LLAMADA PERDIDA');
  });
});

describe('a recording deleted by retention', () => {
  const forgotten = (state: CallState): CallState => ({ ...state, recordingUrl: null, recordingStatus: RECORDING_DELETED });

  it('should still count as the caller’s message, not a missed call, when its link is gone', () => {
    const state = forgotten(apply([started, menu, recorded, recordingStatus, transcription, ended]));
    expect(isMissedCall(state)).toBe(false);
  });

  it('should say on the card that the recording was deleted, and keep the transcription, when the card is rendered again', () => {
    const card = renderCallMessage(forgotten(apply([started, menu, recorded, recordingStatus, transcription, ended])));
    expect(card).toContain(`Grabación (40 s): ${RECORDING_DELETED_TEXT}`);
    expect(card).not.toContain('https://r/1');
    expect(card).toContain('Transcripción: «No puedo timbrar»');
  });

  it('should stay deleted when a retried callback repeats the recording’s status', () => {
    const state = mergeCallFacts(forgotten(apply([started, menu, recorded, recordingStatus, ended])), recordingStatus);
    expect(state).toMatchObject({ recordingStatus: RECORDING_DELETED, recordingUrl: null });
  });
});

describe('callbackMayPlaceCall', () => {
  it('should say only the answer of a call, with nothing but who calls, need not lock the caller’s confirmation count', () => {
    expect(callbackMayPlaceCall(started)).toBe(false);
    expect(callbackMayPlaceCall({ ...started, choice: { kind: 'none' } })).toBe(true);
    expect(callbackMayPlaceCall({ ...started, ticketDigits: '1234' })).toBe(true);
    expect(callbackMayPlaceCall({ ...started, status: { value: 'completed' } })).toBe(true);
    for (const later of [menu, recorded, recordingStatus, transcription, ended, ringing]) expect(callbackMayPlaceCall(later)).toBe(true);
  });
});
