import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import { isOwnMessageId, withoutNul } from '@app/platform';
import { UnprocessableInboundError } from '../contract/channel-errors.js';
import { cleanFilename } from '../contract/upload-rules.js';
import type { InboundAttachment, InboundMessage } from '../contract/inbound-message.js';
import { detectAutomatedMail } from './automated-mail.js';
import { readBounceReport } from './bounce-report.js';
import { MAX_HTML_CHARS } from './html-bounds.js';
import { sanitizeMailHtml } from './html-sanitizer.js';
import { legacyHeaderValue } from './legacy-header.js';
import { mailHtmlToText } from './mail-html-text.js';
import { messageIdsIn, normaliseMessageId } from './message-ids.js';

export interface MailNormalizerSettings {
  supportEmail: string;
  maxAttachmentBytes: number;
  /** Senders (addresses, or `@domain`) that send for others, such as a contact form: their mail's `Reply-To` is the customer. */
  formSenders?: readonly string[];
}

export interface StoredMailContext {
  dedupeKey: string;
  receivedAt: Date;
}

// mailparser's own HTML-to-text guard misses nesting such as <p><li> repeated (quadratic, then a stack overflow): mailHtmlToText does it.
const PARSE_OPTIONS = { keepCidLinks: true, skipImageLinks: true, skipTextLinks: true, skipHtmlToText: true } as const;
// Images are not text: html-to-text writes each one's address in brackets ("[cid:img001@taller]",
// a tracking pixel's URL), which agents and the severity classifier would read as words.
const WITHOUT_IMAGES = [{ selector: 'img', format: 'skip' }];
// What mailparser passes to html-to-text for a mail that is only HTML, so that text reads as it did.
const MAILPARSER_HTML_TEXT = { limits: { maxDepth: 1000 }, selectors: WITHOUT_IMAGES };
// A References header can list any number of ids; the newest (listed first here) are the ones that thread.
const MAX_THREAD_REFERENCES = 100;
// Postgres text cannot hold NUL; some broken mailers emit it.

/** Turns a raw RFC 5322 mail into the channel-neutral inbound message. */
export class MailNormalizer {
  constructor(private readonly settings: MailNormalizerSettings) {}

  async normalize(raw: Buffer, context: StoredMailContext): Promise<InboundMessage> {
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw, PARSE_OPTIONS);
    } catch (error) {
      throw new UnprocessableInboundError(`unparseable mail: ${error instanceof Error ? error.message : String(error)}`);
    }
    const sender = firstAddress(parsed.from);
    const customer = isFormSender(sender?.address, this.settings.formSenders ?? []) ? answerAddress(parsed, sender, this.settings.supportEmail) : sender;
    const subject = withoutNul(readableSubject(parsed.subject ?? '', raw)).trim();
    const messageId = normaliseMessageId(parsed.messageId);
    const headerLines = new Map<string, string>();
    for (const { key, line } of parsed.headerLines) {
      if (!headerLines.has(key)) headerLines.set(key, line.slice(line.indexOf(':') + 1).trim());
    }

    const automated =
      messageId && isOwnMessageId(messageId)
        ? { kind: 'own_mail' as const, reason: 'a Message-ID we generated' }
        : detectAutomatedMail((name) => headerLines.get(name), sender?.address, subject, this.settings.supportEmail);

    return {
      channel: 'email',
      externalId: messageId ?? `nomid-${context.dedupeKey.slice(0, 40)}`,
      receivedAt: context.receivedAt,
      from: { email: customer?.address, name: customer?.name },
      subject,
      text: withoutNul(await this.bodyText(parsed)),
      htmlSanitized: parsed.html ? withoutNul(sanitizeMailHtml(parsed.html)) || undefined : undefined,
      attachments: parsed.attachments.map((attachment) => this.attachment(attachment)),
      threadRefs: threadReferences(parsed),
      automated,
      bounce: automated?.kind === 'bounce' ? readBounceReport(raw.toString('latin1'), messageId) : undefined,
    };
  }

  /** The plain text, from the HTML part when there is no text part, plus the text of forwarded mails. */
  private async bodyText(parsed: ParsedMail): Promise<string> {
    // One budget for all the HTML a mail converts (its own and its forwarded mails'), so many parts cannot add up.
    let htmlCharsLeft = MAX_HTML_CHARS;
    const textOf = (mail: ParsedMail): string => {
      if (mail.text?.trim()) return mail.text.trim();
      const html = (mail.html || '').slice(0, htmlCharsLeft);
      htmlCharsLeft -= html.length;
      return html ? htmlText(html, isHtmlOnly(mail)) : '';
    };
    const own = textOf(parsed);
    const forwarded: string[] = [];
    for (const attachment of parsed.attachments) {
      if (attachment.contentType !== 'message/rfc822') continue;
      const inner = await simpleParser(attachment.content, PARSE_OPTIONS).catch(() => undefined);
      if (!inner) continue;
      const innerText = textOf(inner);
      forwarded.push(
        ['---------- Mensaje reenviado ----------', `De: ${inner.from?.text ?? ''}`, `Asunto: ${inner.subject ?? ''}`, '', innerText].join(
          '\n',
        ),
      );
    }
    return [own, ...forwarded].filter(Boolean).join('\n\n');
  }

  private attachment(attachment: Attachment): InboundAttachment {
    const tooBig = attachment.size > this.settings.maxAttachmentBytes;
    return {
      filename: cleanFilename(attachment.filename ?? '') || defaultFilename(attachment.contentType),
      contentType: attachment.contentType || 'application/octet-stream',
      sizeBytes: attachment.size,
      contentId: normaliseMessageId(attachment.contentId),
      inline: attachment.contentDisposition === 'inline' || Boolean(attachment.related),
      content: tooBig ? undefined : attachment.content,
      omittedReason: tooBig ? `larger than ${this.settings.maxAttachmentBytes} bytes` : undefined,
    };
  }
}

/** The text of an HTML body: for an HTML-only mail as mailparser itself converts it, else unwrapped. */
function htmlText(html: string, htmlOnly: boolean): string {
  return (htmlOnly ? mailHtmlToText(html, MAILPARSER_HTML_TEXT).trim() : '') || mailHtmlToText(html, { wordwrap: false, selectors: WITHOUT_IMAGES }).trim();
}

function isHtmlOnly(parsed: ParsedMail): boolean {
  const contentType = parsed.headers.get('content-type');
  const value = typeof contentType === 'object' && 'value' in contentType ? contentType.value : undefined;
  return typeof value === 'string' && value.toLowerCase() === 'text/html';
}

function firstAddress(from: AddressObject | undefined): { address: string; name?: string } | undefined {
  const entry = from?.value.find((candidate) => candidate.address && /^[^@\s]+@[^@\s]+$/.test(candidate.address));
  if (!entry?.address) return undefined;
  return { address: entry.address.toLowerCase(), name: withoutNul(entry.name ?? '').trim() || undefined };
}

/**
 * The subject as mailparser read it, unless it read raw 8-bit bytes that were not UTF-8 (it leaves
 * U+FFFD): then as the client wrote them. A subject with encoded words is mailparser's to decode.
 */
function readableSubject(parsed: string, raw: Buffer): string {
  if (!parsed.includes('\uFFFD')) return parsed;
  const legacy = legacyHeaderValue(raw, 'subject');
  return legacy && !legacy.includes('=?') ? legacy : parsed;
}

/**
 * Whether the sender is one the operator listed as sending for others (`MAIL_FORM_SENDERS`). Only
 * for those is `Reply-To` believed: anyone can write any `Reply-To`, and the receiving server's
 * SPF/DKIM/DMARC checks vouch for `From` alone, so from anyone else it would let a stranger post
 * on a customer's tickets as that customer and spend their per-address limits.
 */
function isFormSender(address: string | undefined, formSenders: readonly string[]): boolean {
  if (!address) return false;
  const domain = address.slice(address.lastIndexOf('@'));
  return formSenders.some((listed) => listed === address || listed === domain);
}

/**
 * Who the customer is, for a listed form sender: the address the mail asks answers to go to
 * (`Reply-To`) when it names one, else the sender. A portal's contact form sends from one address
 * for everyone (`no-reply@…`) and names the person in `Reply-To`: the ticket, its confirmation and
 * the agents' replies are theirs. Our own address there is ignored (a customer forwarding our mail back).
 */
function answerAddress(parsed: ParsedMail, sender: { address: string; name?: string } | undefined, supportEmail: string): { address: string; name?: string } | undefined {
  const replyTo = firstAddress(parsed.replyTo);
  if (!replyTo || replyTo.address === supportEmail.toLowerCase()) return sender;
  // The sender's name goes with its own address only: "Formulario Web" is not Claudia's name.
  return { address: replyTo.address, name: replyTo.name ?? (replyTo.address === sender?.address ? sender.name : undefined) };
}

/** In-Reply-To first, then References from the newest to the oldest. */
function threadReferences(parsed: ParsedMail): string[] {
  const ids = [...messageIdsIn(parsed.inReplyTo), ...messageIdsIn(parsed.references).reverse()];
  return [...new Set(ids)].slice(0, MAX_THREAD_REFERENCES);
}

function defaultFilename(contentType: string): string {
  if (contentType === 'message/rfc822') return 'mensaje-reenviado.eml';
  const subtype = contentType.split('/')[1]?.replace(/[^a-z0-9.+-]/gi, '') || 'bin';
  return `adjunto.${subtype}`;
}
