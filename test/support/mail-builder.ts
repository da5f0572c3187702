import { randomUUID } from 'node:crypto';

export interface TestMail {
  from: string;
  fromName?: string;
  to?: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  date?: Date;
  attachments?: Array<{ filename: string; contentType: string; content: string | Buffer }>;
}

const encodeWord = (text: string): string =>
  /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** A raw RFC 5322 mail as a customer's mail client would send it (UTF-8, CRLF). */
export function buildMail(mail: TestMail): { raw: string; messageId: string } {
  const messageId = mail.messageId ?? `${randomUUID()}@cliente.example.mx`;
  const boundary = `b-${randomUUID()}`;
  const headers = [
    `From: ${mail.fromName ? `${encodeWord(mail.fromName)} ` : ''}<${mail.from}>`,
    `To: ${mail.to ?? 'portalgratuito@interfactura.com'}`,
    `Subject: ${encodeWord(mail.subject)}`,
    `Date: ${(mail.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${messageId}>`,
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`] : []),
    ...(mail.references?.length ? [`References: ${mail.references.map((id) => `<${id}>`).join(' ')}`] : []),
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
  ];
  const body = mail.html
    ? [
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        mail.text,
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        mail.html,
        `--${boundary}--`,
        '',
      ]
    : ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', mail.text, ''];
  if (!mail.attachments?.length) return { raw: [...headers, ...body].join('\r\n'), messageId };
  const mixed = `m-${randomUUID()}`;
  const parts = mail.attachments.flatMap((attachment) => [
    `--${mixed}`,
    `Content-Type: ${attachment.contentType}; name="${attachment.filename}"`,
    `Content-Disposition: attachment; filename="${attachment.filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    ...(Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.from(attachment.content, 'utf8')).toString('base64').match(/.{1,76}/g)!,
  ]);
  return { raw: [...headers, `Content-Type: multipart/mixed; boundary="${mixed}"`, '', `--${mixed}`, ...body, ...parts, `--${mixed}--`, ''].join('\r\n'), messageId };
}

/** A unique customer address, so tests in one suite never share a contact. */
export const customerAddress = (label: string): string => `${label}-${randomUUID().slice(0, 8)}@cliente.example.mx`;

export interface TestBounce {
  /** The reporting mailer [`MAILER-DAEMON@mx.cliente.example.mx`]. */
  from?: string;
  /** Each gets a `Final-Recipient` block in the delivery-status part. */
  finalRecipients: string[];
  /** The Message-ID of the mail that supposedly bounced, as quoted in the returned headers (no brackets). */
  quotedMessageId: string;
  quotedFrom: string;
  quotedSubject?: string;
  /** `5.1.1` (permanent) unless told. */
  status?: string;
}

/** A raw RFC 3464 delivery-status report, as a mail server returns an undeliverable message. */
export function buildBounce(bounce: TestBounce): { raw: string; messageId: string } {
  const messageId = `bounce-${randomUUID()}@mx.cliente.example.mx`;
  const boundary = `dsn-${randomUUID()}`;
  const status = bounce.status ?? '5.1.1';
  const permanent = status.startsWith('5');
  const perRecipient = bounce.finalRecipients.flatMap((recipient) => [
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${permanent ? 'failed' : 'delayed'}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${permanent ? '550' : '451'} ${status} user unknown`,
  ]);
  const raw = [
    `From: Mail Delivery System <${bounce.from ?? 'MAILER-DAEMON@mx.cliente.example.mx'}>`,
    'To: portalgratuito@interfactura.com',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString()}`,
    'Auto-Submitted: auto-replied',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.cliente.example.mx',
    ...perRecipient,
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${bounce.quotedFrom}`,
    `To: ${bounce.finalRecipients[0] ?? ''}`,
    `Message-ID: <${bounce.quotedMessageId}>`,
    `Subject: ${bounce.quotedSubject ?? 'Factura'}`,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { raw, messageId };
}
