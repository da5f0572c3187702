import { describe, expect, it } from '@jest/globals';
import { mailIdentity } from './mail-identity.js';

const mail = (extraHeader: string, body = 'Hola') =>
  Buffer.from(`${extraHeader}From: a@b.mx\r\nSubject: Duda\r\nMessage-ID: <m1@b.mx>\r\nDate: Mon, 2 Mar 2026 10:00:00 -0600\r\n\r\n${body}\r\n`);

describe('mailIdentity', () => {
  it('should give two deliveries of one mail the same key when only transit headers differ', () => {
    const first = mailIdentity(mail('Delivered-To: portalgratuito@interfactura.com\r\nReceived: from a\r\n'));
    const second = mailIdentity(mail('Delivered-To: soporte@interfactura.com\r\nReceived: from b\r\n'));
    expect(first.dedupeKey).toBe(second.dedupeKey);
    expect(first.messageId).toBe('m1@b.mx');
  });

  it('should tell apart two different mails that reuse one Message-ID', () => {
    expect(mailIdentity(mail('', 'primer mensaje')).dedupeKey).not.toBe(mailIdentity(mail('', 'segundo mensaje')).dedupeKey);
  });
});
