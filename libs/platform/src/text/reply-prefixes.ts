/**
 * The reply and forward prefixes mail clients put before a subject, any number of them: "RE:",
 * "RV:", "Fwd:", "RES:", "AW:", "Re[2]:", "Respuesta:". Each one ends with its colon, so a run of
 * them is read in one pass, without backtracking.
 */
const REPLY_PREFIXES = /^\s*((re|rv|res|fw|fwd|tr|aw|wg|reenviar|respuesta)(\[\d{1,3}\])?\s*:\s*)+/i;

export const withoutReplyPrefixes = (subject: string): string => subject.replace(REPLY_PREFIXES, '');
