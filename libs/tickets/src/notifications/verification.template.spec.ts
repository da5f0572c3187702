import { describe, expect, it } from '@jest/globals';
import { VERIFICATION_LINK_PLACEHOLDER } from '../identity/verification-rules.js';
import { renderVerificationMail, withVerificationLink } from './verification.template.js';

const input = { ticketNumber: 'IF-000123', email: 'rosa@cliente.example', expiresAt: new Date('2026-12-05T18:00:00Z') };

describe('renderVerificationMail', () => {
  it('should name the ticket and the address, and hold the placeholder instead of a link when rendered', () => {
    const mail = renderVerificationMail(input);
    expect(mail.subject).toBe('[IF-000123] Confirma tu correo para el chat de Soporte');
    expect(mail.text).toContain('abrimos el ticket IF-000123');
    expect(mail.text).toContain('rosa@cliente.example');
    expect(mail.text).toContain(VERIFICATION_LINK_PLACEHOLDER);
    expect(mail.text).toContain('Si no fuiste tú, ignora este mensaje');
    expect(mail.html).toContain(`href="${VERIFICATION_LINK_PLACEHOLDER}"`);
  });
});

describe('withVerificationLink', () => {
  it('should put the link in both parts, escaped in HTML, when the mail is sent', () => {
    const link = 'https://soporte.example/verificar?token=abc&x=1';
    const sent = withVerificationLink(renderVerificationMail(input), link);
    expect(sent.text).toContain(link);
    expect(sent.text).not.toContain(VERIFICATION_LINK_PLACEHOLDER);
    expect(sent.html).toContain('href="https://soporte.example/verificar?token=abc&amp;x=1"');
    expect(sent.html).not.toContain(VERIFICATION_LINK_PLACEHOLDER);
  });
});
