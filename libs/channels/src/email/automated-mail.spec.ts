import { describe, expect, it } from '@jest/globals';
import { detectAutomatedMail } from './automated-mail.js';

const SUPPORT = 'portalgratuito@interfactura.com';
const detect = (headers: Record<string, string>, from = 'cliente@empresa.mx', subject = 'Duda') =>
  detectAutomatedMail((name) => headers[name], from, subject, SUPPORT);

describe('detectAutomatedMail', () => {
  it('should treat mail from the support address itself as our own', () => {
    expect(detect({}, 'PortalGratuito@interfactura.com')?.kind).toBe('own_mail');
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }],
    [{ 'auto-submitted': 'auto-generated' }],
    [{ precedence: 'bulk' }],
    [{ precedence: 'junk' }],
    [{ precedence: 'list' }],
    [{ 'x-autoreply': 'yes' }],
    [{ 'x-auto-response-suppress': 'All' }],
    [{ 'list-id': '<avisos.lista.example>' }],
  ])('should recognise an auto-reply when the headers say %j', (headers) => {
    expect(detect(headers)?.kind).toBe('auto_reply');
  });

  it('should not flag a person’s mail that says Auto-Submitted: no', () => {
    expect(detect({ 'auto-submitted': 'no' })).toBeUndefined();
  });

  it.each([
    'Respuesta automática: Factura',
    'Fuera de la oficina',
    'Out of Office: estoy de vacaciones',
    'Automatic reply: Invoice',
    'AUTO: Ausente hasta el lunes',
    'RE: Fuera de la oficina hasta el 5',
    'RV: RE: Respuesta automática: Factura A-77',
    'Ausente: regreso el lunes 9',
  ])('should recognise the out-of-office subject "%s"', (subject) => {
    expect(detect({}, 'cliente@empresa.mx', subject)?.kind).toBe('auto_reply');
  });

  it.each([
    'Oficina nueva sin timbrar',
    'Automatizar facturas',
    'La respuesta del SAT',
    // How customers describe CFDI problems: words of an out-of-office reply, not its form.
    'Ausencia de sello digital en mi factura timbrada',
    'Respuesta automática del SAT: rechazo CFDI40102 al cancelar',
    'De vacaciones y el portal no me deja timbrar la nómina',
    'RE: La respuesta automática del portal no llega',
  ])(
    'should not take the ordinary subject "%s" for an auto-reply',
    (subject) => {
      expect(detect({}, 'cliente@empresa.mx', subject)).toBeUndefined();
    },
  );

  it('should recognise a bounce by its multipart/report content type or a mailer-daemon sender', () => {
    expect(detect({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' })?.kind).toBe('bounce');
    expect(detect({}, 'MAILER-DAEMON@mx.example.com', 'Undelivered Mail')?.kind).toBe('bounce');
    expect(detect({ 'return-path': '<>' }, 'correo@mx.example.com', 'Mensaje no entregado')?.kind).toBe('bounce');
  });
});
