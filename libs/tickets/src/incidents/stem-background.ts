import type { StemBackground } from './report-similarity.js';
import { reportSignature } from './report-signature.js';

/** Document frequency of each stem over ordinary support messages (built with the severity model). */
export function stemBackground(messages: ReadonlyArray<{ subject: string | null; text: string }>): StemBackground {
  const frequency: Record<string, number> = {};
  for (const message of messages) for (const stem of reportSignature(message.subject, message.text).stems) frequency[stem] = (frequency[stem] ?? 0) + 1;
  return { documents: messages.length, frequency };
}
