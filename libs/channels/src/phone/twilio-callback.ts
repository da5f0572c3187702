import type { CallChoice, CallFacts, CallStep } from '../contract/call-facts.js';
import { callItemKey, callItemPrefix, callStatusItemPrefix } from './call-item-keys.js';
import { normalizePhoneNumber } from './phone-number.js';
import { MENU_ATTEMPTS, boundedInt, interpretMenu } from './voice-menu.js';
import { TWILIO_WEBHOOK_PATH, choiceFromQuery, isTwilioCallbackKind, type TwilioCallbackKind } from './voice-routes.js';

/** One request Twilio made to us, validated: what is stored raw and read back by the worker. */
export interface TwilioCallback {
  kind: TwilioCallbackKind;
  /** Path and query exactly as requested: the signature covers both. */
  pathAndQuery: string;
  query: URLSearchParams;
  /** The form fields Twilio posted. */
  params: Record<string, string>;
  callSid: string;
  /** The choice carried by our own callback URLs (after the menu). */
  choice?: CallChoice;
}

/** The raw form of a stored callback: what Twilio sent, as it sent it. */
export interface StoredTwilioCallback {
  path: string;
  params: Record<string, string>;
}

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`, 'i');
const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'];
const STEP_OF: Record<TwilioCallbackKind, CallStep> = {
  voice: 'started',
  menu: 'menu',
  ticket: 'ticket_menu',
  recorded: 'recorded',
  'recording-status': 'recording',
  transcription: 'transcription',
  status: 'status',
  confirmation: 'confirmation',
};

/**
 * Reads a callback, or says what is wrong with it. Only fields we rely on are checked; anything else
 * Twilio adds is kept as it came.
 */
export function parseTwilioCallback(pathAndQuery: string, params: Record<string, string>): TwilioCallback | { error: string } {
  const url = new URL(pathAndQuery, 'http://callback.invalid');
  const kind = url.pathname.startsWith(TWILIO_WEBHOOK_PATH) ? url.pathname.slice(TWILIO_WEBHOOK_PATH.length) : '';
  if (!isTwilioCallbackKind(kind)) return { error: `Llamada de Twilio desconocida: "${url.pathname}"` };
  const field = (name: string) => params[name];
  const problems: string[] = [];
  const expect = (name: string, ok: boolean, what: string) => ok || problems.push(`${name} ${what}`);

  expect('CallSid', SID('CA').test(field('CallSid') ?? ''), 'debe ser un identificador de llamada (CA y 32 dígitos hexadecimales)');
  // A caller may type more than a ticket number (an RFC, a phone number) before #: those are keys too,
  // answered "no corresponde" by the flow, not refused (Twilio would end the call with its error).
  if (field('Digits') !== undefined) expect('Digits', /^([0-9*#]{0,64}|hangup)$/.test(field('Digits')!), 'debe tener solo teclas del teléfono');
  if (kind === 'recording-status' || (kind === 'recorded' && field('RecordingSid') !== undefined)) {
    expect('RecordingSid', SID('RE').test(field('RecordingSid') ?? ''), 'debe ser un identificador de grabación (RE y 32 dígitos hexadecimales)');
  }
  if (kind === 'recording-status') expect('RecordingStatus', Boolean(field('RecordingStatus')), 'es obligatorio');
  if (kind === 'transcription') {
    expect('TranscriptionSid', SID('TR').test(field('TranscriptionSid') ?? ''), 'debe ser un identificador de transcripción (TR y 32 dígitos hexadecimales)');
    expect('TranscriptionStatus', Boolean(field('TranscriptionStatus')), 'es obligatorio');
  }
  if (kind === 'status') expect('CallStatus', CALL_STATUSES.includes(field('CallStatus') ?? ''), `debe ser uno de: ${CALL_STATUSES.join(', ')}`);
  for (const name of ['RecordingDuration', 'CallDuration']) {
    if (field(name) !== undefined) expect(name, /^\d{1,6}$/.test(field(name)!), 'debe ser un número entero de segundos');
  }
  const choice = choiceFromQuery(url.searchParams);
  if (choice && 'error' in choice) problems.push(choice.error);
  if (problems.length > 0) return { error: problems.join('; ') };

  return {
    kind,
    pathAndQuery,
    query: url.searchParams,
    params,
    callSid: field('CallSid')!,
    choice: choice as CallChoice | undefined,
  };
}

/** Identity of a callback at its source: a retry of it has the same one (CallSid, RecordingSid, TranscriptionSid + kind). */
export function callbackDedupeKey(callback: TwilioCallback): string {
  const { params, kind, query } = callback;
  switch (kind) {
    case 'status':
      return callItemKey(callback.callSid, `status-${params.CallStatus}`);
    case 'recording-status':
      return callItemKey(callback.callSid, `recording-status-${params.RecordingSid}-${params.RecordingStatus}`);
    case 'transcription':
      return callItemKey(callback.callSid, `transcription-${params.TranscriptionSid}`);
    case 'voice':
    case 'menu':
    case 'ticket':
    case 'recorded':
    case 'confirmation': {
      // In-call steps: the query (attempt, wait round) tells repeated menus and waits apart.
      const search = query.toString();
      return callItemKey(callback.callSid, search ? `${kind}?${search}` : kind);
    }
  }
}

const seconds = (raw: string | undefined): number | undefined => (raw === undefined ? undefined : Number(raw));

/** The channel-neutral facts a callback tells about its call. */
export function callFactsOf(callback: TwilioCallback): CallFacts {
  const { params, query } = callback;
  const facts: CallFacts = {
    callSid: callback.callSid,
    step: STEP_OF[callback.kind],
    itemKeyPrefixes: { all: callItemPrefix(callback.callSid), status: callStatusItemPrefix(callback.callSid) },
    caller: normalizePhoneNumber(params.From) ?? normalizePhoneNumber(query.get('caller') ?? undefined),
    called: normalizePhoneNumber(params.To),
    choice: callback.choice,
  };
  if (callback.kind === 'menu') {
    const outcome = interpretMenu(params.Digits, boundedInt(query.get('attempt'), 1, MENU_ATTEMPTS), query.get('tickets') !== '0');
    if (outcome.next === 'record') facts.choice = outcome.choice;
  }
  if (callback.kind === 'ticket' && params.Digits) facts.ticketDigits = params.Digits;
  if (params.RecordingSid) {
    facts.recording = {
      sid: params.RecordingSid,
      url: params.RecordingUrl || undefined,
      durationSeconds: seconds(params.RecordingDuration),
      status: params.RecordingStatus || undefined,
    };
  }
  if (callback.kind === 'transcription') {
    facts.transcription = { sid: params.TranscriptionSid!, text: params.TranscriptionText, status: params.TranscriptionStatus };
  }
  if (callback.kind === 'status') facts.status = { value: params.CallStatus!, durationSeconds: seconds(params.CallDuration) };
  return facts;
}
