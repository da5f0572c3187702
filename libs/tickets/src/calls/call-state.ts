import type { CallChoice, CallFacts } from '@app/channels';

/** Everything known about one call, merged from its callbacks. */
export interface CallState {
  caller: string | null;
  called: string | null;
  choice: CallChoice | null;
  recordingSid: string | null;
  recordingUrl: string | null;
  recordingDurationSeconds: number | null;
  recordingStatus: string | null;
  transcriptionSid: string | null;
  transcriptionText: string | null;
  transcriptionStatus: string | null;
  callStatus: string | null;
  callDurationSeconds: number | null;
}

export const EMPTY_CALL_STATE: CallState = {
  caller: null,
  called: null,
  choice: null,
  recordingSid: null,
  recordingUrl: null,
  recordingDurationSeconds: null,
  recordingStatus: null,
  transcriptionSid: null,
  transcriptionText: null,
  transcriptionStatus: null,
  callStatus: null,
  callDurationSeconds: null,
};

/** Call statuses after which nothing more happens on the line. */
export const TERMINAL_CALL_STATUSES: readonly string[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

export const isTerminalStatus = (status: string | null): boolean => status !== null && TERMINAL_CALL_STATUSES.includes(status);

/** The recording status once retention or an erasure forgot the recording's link: it existed, it is gone. */
export const RECORDING_DELETED = 'deleted';

// A later, more final status wins; between two final ones the first stays (retries repeat it).
const STATUS_RANK: Record<string, number> = { [RECORDING_DELETED]: 4, completed: 3, failed: 2, absent: 2 };
const rank = (status: string | null | undefined): number => (status ? (STATUS_RANK[status] ?? 1) : 0);
const moreFinal = (current: string | null, incoming: string | undefined): string | null =>
  rank(incoming) > rank(current) ? (incoming ?? null) : current;

/**
 * Merges one callback into what is known of its call. Each fact is set once and never unset, and
 * statuses only move forward, so the result is the same whatever order the callbacks come in.
 */
export function mergeCallFacts(state: CallState, facts: CallFacts): CallState {
  const next = { ...state };
  next.caller ??= facts.caller ?? null;
  next.called ??= facts.called ?? null;
  next.choice ??= facts.choice ?? null;
  if (facts.recording) {
    next.recordingSid ??= facts.recording.sid;
    // A forgotten link stays forgotten, whatever a late retry of its callback repeats.
    if (next.recordingStatus !== RECORDING_DELETED) next.recordingUrl ??= facts.recording.url ?? null;
    next.recordingDurationSeconds ??= facts.recording.durationSeconds ?? null;
    next.recordingStatus = moreFinal(next.recordingStatus, facts.recording.status);
  }
  if (facts.transcription) {
    next.transcriptionSid ??= facts.transcription.sid;
    next.transcriptionText ??= facts.transcription.text?.trim() || null;
    next.transcriptionStatus = moreFinal(next.transcriptionStatus, facts.transcription.status);
  }
  if (facts.status) {
    const terminal = TERMINAL_CALL_STATUSES.includes(facts.status.value);
    if (terminal && !isTerminalStatus(next.callStatus)) {
      next.callStatus = facts.status.value;
      next.callDurationSeconds = facts.status.durationSeconds ?? null;
    } else if (!terminal && next.callStatus === null) {
      next.callStatus = facts.status.value;
    }
  }
  return next;
}

/**
 * Whether this callback is likely to put its call on a ticket, and so owe the caller an SMS: the
 * intake spares the others the caller's confirmation-count lock. The answer of a call says no more
 * than who calls; a call is placed by a choice, typed digits or its end. Applied after an end that
 * placed nothing (callbacks can arrive out of order), an answer can still join a ticket the caller
 * opened meanwhile: that confirmation then takes the count lock itself, later (a deadlock there
 * rolls the group back and its items go on alone).
 */
export function callbackMayPlaceCall(facts: CallFacts): boolean {
  return facts.step !== 'started' || Boolean(facts.choice || facts.ticketDigits || facts.status);
}

/** The caller left a message (we can listen to it, or could until it was deleted). */
export function hasRecording(state: CallState): boolean {
  if (state.recordingStatus === RECORDING_DELETED) return true;
  return state.recordingUrl !== null && state.recordingStatus !== 'absent' && state.recordingStatus !== 'failed';
}

/** A call that ended without a message: someone has to call the customer back. */
export function isMissedCall(state: CallState): boolean {
  return isTerminalStatus(state.callStatus) && !hasRecording(state);
}

export interface CallEventInput {
  type: 'call_recording_received' | 'call_transcribed' | 'call_ended';
  data: Record<string, unknown>;
}

/** Events for facts that `after` knows and `before` did not: each fact is logged once per call. */
export function newlyKnownFacts(callSid: string, before: CallState, after: CallState): CallEventInput[] {
  const events: CallEventInput[] = [];
  if (hasRecording(after) && !hasRecording(before)) {
    events.push({
      type: 'call_recording_received',
      data: { callSid, recordingSid: after.recordingSid, url: after.recordingUrl, durationSeconds: after.recordingDurationSeconds },
    });
  }
  // Ended, with text or without (failed, or completed empty): nothing more will come.
  const transcribed = (state: CallState) => state.transcriptionText !== null || state.transcriptionStatus === 'failed' || state.transcriptionStatus === 'completed';
  if (transcribed(after) && !transcribed(before)) {
    events.push({ type: 'call_transcribed', data: { callSid, transcriptionSid: after.transcriptionSid, status: after.transcriptionStatus } });
  }
  if (isTerminalStatus(after.callStatus) && !isTerminalStatus(before.callStatus)) {
    events.push({ type: 'call_ended', data: { callSid, status: after.callStatus, durationSeconds: after.callDurationSeconds } });
  }
  return events;
}
