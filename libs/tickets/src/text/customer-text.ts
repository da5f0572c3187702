import { withoutReplyPrefixes } from '@app/platform';

/**
 * The customer's own words in a message: one extractor for everything that reads customer text
 * (the severity classifier, outage detection, threading), so they agree on where a reply's new
 * text ends. Every function is linear in its input (see the property tests beside it).
 */

const FORWARD_MARKER =
  /^[ \t]*(-{2,}[ \t]*(forwarded message|mensaje reenviado)[ \t]*-{2,}|(begin forwarded message|inicio del mensaje reenviado)[ \t]*:)/im;
const REPLY_DIVIDER = /^[ \t]*(-{2,}[ \t]*(original message|mensaje original)[ \t]*-{2,}|_{8,}[ \t]*$)/im;
const ATTRIBUTION_START = /^[ \t]*(on|el)\s/i;
const ATTRIBUTION = /^[ \t]*(on|el)\s[^\n]*\d[\s\S]{0,300}?\b(wrote|escribi[oó])\s*:/i;
const OUTLOOK_FROM = /^[ \t]*\*?(de|from)\*?[ \t]*:\s*\S/i;
const HEADER_LINE = /^[ \t]*\*?(de|from|para|to|cc|asunto|subject|fecha|date|enviado|sent)\*?[ \t]*:/i;
const POINTS_BELOW = /\b(ver|vean|see) (abajo|below)\b|\b(les |te )?(reenvio|paso) (el|lo|este)\b|\bforwarding\b|\bbelow\b/i;
const SIGN_OFF =
  /^[ \t]*((saludos( cordiales)?|un saludo|atte|atentamente|cordialmente|(muchas |mil )?gracias|quedo (atent[oa]|en espera)|(best |kind |warm )?regards|best|thanks?( you)?|cheers|sincerely)\b|--+|—)[^\n]{0,24}$/i;
const RFC = /\b[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}\b/giu;
const PHONE = /(\+?\d[\d ().-]{6,}\d)(\s*(ext\.?|extension)\s*\d+)?/gi;
const EMAIL = String.raw`[\w.+-]{1,64}@[\w-]{1,63}(\.[\w-]{1,63})+`;
const EMAIL_OR_URL = new RegExp(String.raw`${EMAIL}|\bhttps?:\/\/\S+|\bwww\.\S+`, 'gi');
const CONTACT_DATA: readonly RegExp[] = [
  /\b[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}\b/iu,
  /\+?\d[\d ().-]{6,}\d/,
  new RegExp(String.raw`${EMAIL}|\bhttps?:\/\/`, 'i'),
  /^\s*(rfc|tel|cel|phone)\b/i,
];

/**
 * The customer's own words: subject plus body without quoted replies, forwarded headers or the
 * signature block, and with RFCs, phone numbers, emails and URLs masked.
 */
export function extractCustomerText(subject: string, text: string): string {
  const body = dropSignature(ownWords(text.replace(/\r\n?/g, '\n')));
  const cleanSubject = withoutReplyPrefixes(subject).trim();
  return [cleanSubject, body]
    .filter((part) => part.length > 0)
    .join('\n')
    .replace(EMAIL_OR_URL, ' ')
    .replace(RFC, ' ')
    .replace(PHONE, maskPhone);
}

function ownWords(text: string): string {
  const forward = FORWARD_MARKER.exec(text);
  const replyAt = replyStart(text);
  if (forward && forward.index < replyAt) {
    const own = text.slice(0, forward.index).trim();
    // A note long enough to stand alone is what the customer asks; otherwise the forward is the report.
    if (wordCount(own) >= 12 && !POINTS_BELOW.test(own)) return dropQuotedLines(own);
    const forwarded = dropLeadingHeaders(text.slice(forward.index + forward[0].length));
    return dropQuotedLines(`${own}\n${forwarded.slice(0, replyStart(forwarded))}`);
  }
  const own = dropQuotedLines(text.slice(0, replyAt));
  if (own.trim().length > 0) return own;
  // Nothing new on top (a bare forward-as-reply): read the quoted text rather than nothing.
  return text
    .split('\n')
    .filter((line) => !HEADER_LINE.test(line))
    .map((line) => line.replace(/^[ \t]*>+ ?/, ''))
    .join('\n');
}

/** Index where quoted history starts: "On … wrote:", "El … escribió:", "-----Mensaje original-----" or an Outlook header block. */
function replyStart(text: string): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // Each line is joined into at most three windows, and only after a cheap anchored test: linear in the text.
    const attribution = ATTRIBUTION_START.test(line) && ATTRIBUTION.test(lines.slice(i, i + 3).join('\n'));
    const outlookHeader = OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => HEADER_LINE.test(next));
    if (attribution || outlookHeader) return offset;
    offset += line.length + 1;
  }
  const divider = REPLY_DIVIDER.exec(text);
  return divider ? divider.index : text.length;
}

function dropLeadingHeaders(text: string): string {
  const lines = text.split('\n');
  let first = 0;
  while (first < lines.length && (HEADER_LINE.test(lines[first] ?? '') || (lines[first] ?? '').trim() === '')) first++;
  return lines.slice(first).join('\n');
}

function dropQuotedLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^[ \t]*>/.test(line))
    .join('\n');
}

/** Drops trailing paragraphs that are a sign-off or a block of short lines holding an RFC, phone or email. */
function dropSignature(text: string): string {
  const paragraphs = text.trim().split(/\n[ \t]*\n/);
  while (paragraphs.length > 1) {
    const lines = (paragraphs[paragraphs.length - 1] ?? '').split('\n').filter((line) => line.trim().length > 0);
    const signOff = SIGN_OFF.test(lines[0] ?? '');
    const contactBlock = lines.every((line) => wordCount(line) <= 8) && lines.some(hasContactData);
    if (!signOff && !contactBlock) break;
    paragraphs.pop();
  }
  // A sign-off can also sit at the end of the last paragraph ("…\nSaludos,\nAna").
  const lines = paragraphs.join('\n\n').split('\n');
  const signOffAt = firstSignOffBeforeShortTail(lines);
  return (signOffAt > 0 ? lines.slice(0, signOffAt) : lines).join('\n').trim();
}

/**
 * The first line after the first one that is a sign-off and is followed only by short lines, or -1.
 * One pass from the end finds where the run of short trailing lines starts, so the search is linear
 * (rescanning the rest of the text for every line took 22 s on 24,000 one-character lines).
 */
function firstSignOffBeforeShortTail(lines: readonly string[]): number {
  let shortTailFrom = lines.length;
  while (shortTailFrom > 0 && wordCount(lines[shortTailFrom - 1] ?? '') <= 8) shortTailFrom--;
  for (let i = Math.max(1, shortTailFrom - 1); i < lines.length; i++) {
    if (SIGN_OFF.test(lines[i] ?? '')) return i;
  }
  return -1;
}

export function hasContactData(line: string): boolean {
  return CONTACT_DATA.some((pattern) => pattern.test(line));
}

function maskPhone(match: string): string {
  return (match.match(/\d/g)?.length ?? 0) >= 8 ? ' ' : match;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}|\d/u.test(word)).length;
}

/**
 * The new part of a reply: what sits above the quoted history, without "> " lines. Unlike
 * `extractCustomerText`, a reply with nothing new on top yields nothing: threading must never act on
 * ticket numbers it finds only in quoted mail.
 */
export function newPartOfReply(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  return dropQuotedLines(normalised.slice(0, replyStart(normalised)));
}
