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
  return { raw: [...headers, ...body].join('\r\n'), messageId };
}

/** A unique customer address, so tests in one suite never share a contact. */
export const customerAddress = (label: string): string => `${label}-${randomUUID().slice(0, 8)}@cliente.example.mx`;
