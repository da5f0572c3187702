import { describe, expect, it } from '@jest/globals';
import { renderVerificationPage, VERIFICATION_PAGE_CSP } from './verification-page.js';

const TOKEN = 'a'.repeat(43);

describe('renderVerificationPage', () => {
  it('should show a button that posts the token, and verify nothing by itself, when the link is valid', () => {
    const page = renderVerificationPage({ state: 'valid', email: 'rosa@cliente.example' }, TOKEN);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<form method="post" action="/verificar">');
    expect(page.html).toContain(`<input type="hidden" name="token" value="${TOKEN}">`);
    expect(page.html).toContain('Confirmar mi correo');
    expect(page.html).toContain('<html lang="es-MX">');
  });

  it('should escape the address when it carries markup', () => {
    const page = renderVerificationPage({ state: 'valid', email: '"><script>x</script>@ejemplo.example' }, TOKEN);
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;');
  });

  it('should confirm in Spanish, naming the tickets, when the link was just used', () => {
    const page = renderVerificationPage({ state: 'verified', email: 'rosa@cliente.example', joinedExisting: true, tickets: ['IF-000042'] }, TOKEN);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Listo: confirmamos tu correo');
    expect(page.html).toContain('IF-000042');
    expect(page.html).not.toContain('<form');
  });

  it('should refuse with 410 and say why when the link was used or has expired', () => {
    const used = renderVerificationPage({ state: 'used', email: 'rosa@cliente.example' }, TOKEN);
    const expired = renderVerificationPage({ state: 'expired', email: 'rosa@cliente.example' }, TOKEN);
    expect([used.status, expired.status]).toEqual([410, 410]);
    expect(used.html).toContain('Este enlace ya se usó');
    expect(expired.html).toContain('Este enlace venció');
    expect(used.html + expired.html).not.toContain('<form');
  });

  it('should answer 404 without a form when the link is unknown', () => {
    const page = renderVerificationPage({ state: 'unknown' }, TOKEN);
    expect(page.status).toBe(404);
    expect(page.html).toContain('Enlace no válido');
    expect(page.html).not.toContain('<form');
  });
});

describe('VERIFICATION_PAGE_CSP', () => {
  it('should allow no script and no inline style except the page’s own block by hash', () => {
    expect(VERIFICATION_PAGE_CSP).toContain("default-src 'none'");
    expect(VERIFICATION_PAGE_CSP).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(VERIFICATION_PAGE_CSP).not.toContain('unsafe-inline');
    expect(VERIFICATION_PAGE_CSP).not.toContain('script-src');
    expect(VERIFICATION_PAGE_CSP).toContain("form-action 'self'");
    expect(VERIFICATION_PAGE_CSP).toContain("frame-ancestors 'none'");
  });
});
