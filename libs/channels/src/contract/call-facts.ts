import type { Severity } from './severity.js';

/** What the caller chose on the phone menu: a severity, an existing ticket of theirs, or nothing. */
export type CallChoice = { kind: 'severity'; severity: Severity } | { kind: 'ticket'; ticketNumber: string } | { kind: 'none' };

/** The step of a call a callback belongs to. */
export const CALL_STEPS = ['started', 'menu', 'ticket_menu', 'recorded', 'recording', 'transcription', 'status', 'confirmation'] as const;
export type CallStep = (typeof CALL_STEPS)[number];

/**
 * What one callback of a phone call tells, channel-neutral: the phone adapter fills in what its
 * provider said. Every field is a fact that, once known, never changes, so callbacks can be applied
 * in any order and more than once.
 */
export interface CallFacts {
  callSid: string;
  step: CallStep;
  /**
   * Dedupe-key prefixes of the call's stored callbacks: of all of them, and of its status callbacks,
   * so the intake can tell whether callbacks of the same call are still waiting to be applied.
   */
  itemKeyPrefixes: { all: string; status: string };
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
