import twilio from 'twilio';
import type { CallChoice } from '../contract/call-facts.js';
import type { CallTicket } from './call-tickets.js';
import { splitTicketNumber } from './phone-number.js';
import { PROMPTS, SEVERITY_WORDS_ES, VOICE } from './voice-prompts.js';
import { choiceQuery, type VoiceRoutes } from './voice-routes.js';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

/** A caller's number as normalizePhoneNumber leaves it: `+` and digits, the same in a URL once `+` is `%2B`. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** Stands for the caller's number in a document built once; letters only, so no URL or XML escaping changes it. */
const CALLER_SLOT = 'zqCallerSlotqz';

/** Pause between two checks for the ticket while the caller waits. */
export const CONFIRMATION_PAUSE_SECONDS = 2;

/** The TwiML documents of the phone menu, one method per thing the caller can hear. */
export class VoiceResponses {
  /** Documents that depend on nothing the caller did (the greeting menu, the empty answer): built once. */
  private readonly fixed = new Map<string, string>();

  constructor(
    private readonly routes: VoiceRoutes,
    private readonly recordingMaxSeconds: number,
  ) {}

  /** Greeting and severity menu; after a failed ticket number the existing-ticket option is left out. */
  menu(options: { greeting?: boolean; preface?: string[]; attempt: number; ticketOption: boolean }): string {
    if (options.preface?.length) return this.buildMenu(options);
    return this.once(`menu ${options.greeting === true} ${options.attempt} ${options.ticketOption}`, () => this.buildMenu(options));
  }

  private once(key: string, build: () => string): string {
    let document = this.fixed.get(key);
    if (document === undefined) this.fixed.set(key, (document = build()));
    return document;
  }

  private buildMenu(options: { greeting?: boolean; preface?: string[]; attempt: number; ticketOption: boolean }): string {
    const response = new twilio.twiml.VoiceResponse();
    if (options.greeting) say(response, PROMPTS.greeting);
    for (const line of options.preface ?? []) say(response, line);
    const gather = response.gather({
      input: ['dtmf'],
      numDigits: 1,
      timeout: 6,
      actionOnEmptyResult: true,
      method: 'POST',
      action: this.routes.url('menu', { attempt: String(options.attempt), ...(options.ticketOption ? {} : { tickets: '0' }) }),
    });
    say(gather, PROMPTS.menuIntro);
    for (const option of Object.values(PROMPTS.severityOptions)) say(gather, option);
    if (options.ticketOption) say(gather, PROMPTS.ticketOption);
    return response.toString();
  }

  ticketPrompt(attempt: number, preface: string[] = []): string {
    const response = new twilio.twiml.VoiceResponse();
    for (const line of preface) say(response, line);
    const gather = response.gather({
      input: ['dtmf'],
      finishOnKey: '#',
      timeout: 8,
      actionOnEmptyResult: true,
      method: 'POST',
      action: this.routes.url('ticket', { attempt: String(attempt) }),
    });
    say(gather, PROMPTS.ticketPrompt);
    return response.toString();
  }

  /** The digits the caller typed, said back, followed by what happens next. */
  ticketNotFound(digits: string): string {
    return digits ? `El número ${spaced(digits)} ${PROMPTS.ticketNotFound}` : PROMPTS.ticketNoDigits;
  }

  /** Asks for the description after a tone; recording, transcription and the end all report back with the choice. */
  record(choice: CallChoice, caller: string, preface: string[] = []): string {
    // A typed ticket's number is in the URLs: built each time. A severity (or none) and its fixed
    // preface make a handful of documents that differ only in the caller's number, filled in here
    // (29 µs to build one, 2.5 % of the gateway's busy time under the call load).
    if (choice.kind === 'ticket' || !E164.test(caller)) return this.buildRecord(choice, caller, preface);
    const key = `record ${choice.kind === 'severity' ? choice.severity : 'none'} ${preface.join('\n')}`;
    return this.once(key, () => this.buildRecord(choice, CALLER_SLOT, preface)).split(CALLER_SLOT).join(encodeURIComponent(caller));
  }

  private buildRecord(choice: CallChoice, caller: string, preface: string[]): string {
    const query = choiceQuery(choice, caller);
    const response = new twilio.twiml.VoiceResponse();
    for (const line of preface) say(response, line);
    say(response, PROMPTS.recordPrompt);
    response.record({
      action: this.routes.url('recorded', query),
      method: 'POST',
      maxLength: this.recordingMaxSeconds,
      timeout: 5,
      finishOnKey: '#',
      playBeep: true,
      trim: 'trim-silence',
      recordingStatusCallback: this.routes.url('recording-status', query),
      recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['completed', 'absent'],
      transcribe: true,
      transcribeCallback: this.routes.url('transcription', query),
    });
    // Reached only when nothing was recorded (silence): the ticket is confirmed all the same.
    say(response, PROMPTS.noMessage);
    response.redirect({ method: 'POST' }, this.routes.url('confirmation', { ...query, wait: '0' }));
    return response.toString();
  }

  /** The ticket number letter by letter and digit by digit, twice, then the severity and its meaning. */
  confirmation(ticket: CallTicket): string {
    const response = new twilio.twiml.VoiceResponse();
    const { letters, digits } = splitTicketNumber(ticket.number);
    const number = say(response, `${ticket.joinedExisting ? PROMPTS.ticketJoined : PROMPTS.ticketCreated} `);
    sayNumber(number, letters, digits);
    const repeat = say(response, `${PROMPTS.repeat} `);
    sayNumber(repeat, letters, digits);
    say(response, `${PROMPTS.severity} ${SEVERITY_WORDS_ES[ticket.severity]}: ${ticket.severityMeaning}`);
    say(response, ticket.smsFollows ? PROMPTS.smsFollows : PROMPTS.noteTheNumber);
    say(response, PROMPTS.goodbye);
    response.hangup();
    return response.toString();
  }

  /** The ticket is not there yet: a pause, then ask again (`wait` counts the rounds). */
  waitForTicket(choice: CallChoice, caller: string, wait: number): string {
    const response = new twilio.twiml.VoiceResponse();
    if (wait === 0) say(response, PROMPTS.waiting);
    response.pause({ length: CONFIRMATION_PAUSE_SECONDS });
    response.redirect({ method: 'POST' }, this.routes.url('confirmation', { ...choiceQuery(choice, caller), wait: String(wait + 1) }));
    return response.toString();
  }

  /** Waited long enough: the ticket number will come by SMS. */
  smsFallback(): string {
    return this.once('sms fallback', () => sayAndHangUp([PROMPTS.smsFallback, PROMPTS.goodbye]));
  }

  withheldNumber(): string {
    return this.once('withheld number', () => sayAndHangUp([PROMPTS.greeting, PROMPTS.withheldNumber]));
  }

  /** The answer to callbacks that only report (status, recording, transcription): nothing to do on the line. */
  empty(): string {
    return this.once('empty', () => new twilio.twiml.VoiceResponse().toString());
  }
}

type SayParent = Pick<VoiceResponse, 'say'>;

function say(parent: SayParent, text: string) {
  return parent.say(VOICE, text);
}

function sayNumber(target: ReturnType<typeof say>, letters: string, digits: string): void {
  target.sayAs({ 'interpret-as': 'characters' }, letters);
  target.addText(', ');
  target.sayAs({ 'interpret-as': 'digits' }, digits);
  target.addText('.');
}

function sayAndHangUp(lines: string[]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const line of lines) say(response, line);
  response.hangup();
  return response.toString();
}

/** Digits as a voice reads them one by one ("4 5 6"). */
const spaced = (digits: string): string => digits.split('').join(' ');

