/**
 * How long personal content is kept once a ticket is resolved (LFPDPPP: no longer than its purpose
 * needs). Days count from the resolution; 0 keeps it forever.
 */
export interface RetentionPolicy {
  /** Attachments' content and the raw mail that carried them. */
  attachmentDays: number;
  /** Links to call recordings (the audio stays with the phone provider; see docs/operations.md). */
  recordingDays: number;
}

/** Half a year: reopenings, the monthly SLA review and a quarter for disputes fit well inside it. */
export const DEFAULT_ATTACHMENT_RETENTION_DAYS = 180;
/** A voice is more sensitive than a file, and the transcription stays on the ticket: a quarter. */
export const DEFAULT_RECORDING_RETENTION_DAYS = 90;

/** `omitted_reason` of an attachment whose content retention deleted. */
export const RETENTION_OMITTED_REASON = 'retention';
/** `omitted_reason` of an attachment deleted with its contact's data (ARCO erasure). */
export const ERASURE_OMITTED_REASON = 'erasure';

const DAY_MS = 86_400_000;

/** Tickets resolved before this moment have outlived `days`; null when such content is kept forever. */
export function retentionCutoff(now: Date, days: number): Date | null {
  if (!Number.isFinite(days) || days <= 0) return null;
  return new Date(now.getTime() - days * DAY_MS);
}
