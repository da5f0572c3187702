import type { Severity } from '../severity/severity.js';

/** What the caller chose on the phone menu: a severity, an existing ticket of theirs, or nothing. */
export type CallChoice = { kind: 'severity'; severity: Severity } | { kind: 'ticket'; ticketNumber: string } | { kind: 'none' };

/** The step of a call a callback belongs to. */
export const CALL_STEPS = ['started', 'menu', 'ticket_menu', 'recorded', 'recording', 'transcription', 'status', 'confirmation'] as const;
export type CallStep = (typeof CALL_STEPS)[number];

/** Call statuses after which nothing more happens on the line. */
export const TERMINAL_CALL_STATUSES: readonly string[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

/**
 * What one callback of a phone call tells, channel-neutral: the phone adapter fills in what its
 * provider said. Every field is a fact that, once known, never changes, so callbacks can be applied
 * in any order and more than once.
 */
export interface CallFacts {
  callSid: string;
  step: CallStep;
  /** The caller's number, E.164; absent when withheld. */
  caller?: string;
  called?: string;
  choice?: CallChoice;
  /** Digits typed at the "existing ticket" prompt; the intake checks them against the caller's tickets. */
  ticketDigits?: string;
  recording?: { sid: string; url?: string; durationSeconds?: number; status?: string };
  transcription?: { sid: string; text?: string; status?: string };
  status?: { value: string; durationSeconds?: number };
}
