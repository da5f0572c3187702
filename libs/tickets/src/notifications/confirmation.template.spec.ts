import { describe, expect, it } from '@jest/globals';
import { renderConfirmation, type ConfirmationInput } from './confirmation.template.js';

const input: ConfirmationInput = {
  channel: 'chat',
  ticketNumber: 'IF-000123',
  severity: 2,
  customerName: 'Lucía',
  originalSubject: 'No puedo descargar el XML',
  attentionDueAt: new Date('2026-12-04T14:00:00Z'),
  solutionDueAt: new Date('2026-12-05T14:00:00Z'),
  attentionMinutes: 120,
  solutionMinutes: 1440,
};

describe('renderConfirmation', () => {
  it('should cut a long subject before an emoji it would split, never leaving half of it', () => {
    // "[IF-000123] Recibimos tu solicitud: " is 36 characters; the emoji's halves fall at 139 and 140.
    const originalSubject = `Factura urgente ${'x'.repeat(87)}🔥🔥 ayuda`;
    const { subject } = renderConfirmation({ ...input, channel: 'email', originalSubject });
    expect(subject).toBe(`[IF-000123] Recibimos tu solicitud: Factura urgente ${'x'.repeat(87)}`);
  });

  it('should say a verification link went to the address when one was mailed', () => {
    const confirmation = renderConfirmation({ ...input, channel: 'email', verificationSentTo: 'lucia@cliente.example' });
    expect(confirmation.text).toContain('Te enviamos un enlace a lucia@cliente.example para confirmar que ese correo es tuyo.');
    expect(confirmation.html).toContain('Te enviamos un enlace a lucia@cliente.example');
  });

  it('should keep the chat confirmation to a few lines of what happens next, without greeting or signature', () => {
    const lines = renderConfirmation(input).text.split('\n');
    expect(lines).toEqual(['Un asesor te atiende en menos de 2 horas.', 'Puedes seguir escribiendo aquí: tus mensajes se agregan al ticket.']);
    expect(renderConfirmation({ ...input, verificationSentTo: 'lucia@cliente.example' }).text).toContain('Confirma tu correo con el enlace que enviamos a lucia@cliente.example.');
    expect(lines.join(' ')).not.toMatch(/Hola|Soporte Interfactura|Severidad/);
  });

  it('should promise attention from the end of a maintenance going on, in the chat and by SMS, not within 2 hours of now', () => {
    const maintenanceUntil = new Date('2026-12-04T18:00:00Z');
    const chat = renderConfirmation({ ...input, maintenanceUntil }).text;
    expect(chat).toContain('Estamos en un mantenimiento programado hasta el 4 de diciembre de 2026 a las 12:00 p.m. (hora del centro de México); al terminar, un asesor te atiende en menos de 2 horas.');
    expect(chat).not.toContain('Un asesor te atiende en menos de 2 horas.');
    const sms = renderConfirmation({ ...input, channel: 'phone', maintenanceUntil }).text;
    expect(sms).toContain('Estamos en mantenimiento hasta el 4 de diciembre de 2026 a las 12:00 p.m. (hora del centro de México); al terminar te atenderemos en menos de 2 horas.');
    expect(sms).not.toContain('Te atenderemos en menos de 2 horas.');
  });

  it('should keep the full letter for mail: greeting, severity with its meaning, what comes next and the signature', () => {
    const mail = renderConfirmation({ ...input, channel: 'email' }).text;
    expect(mail).toContain('Hola, Lucía:');
    expect(mail).toContain('Severidad asignada: 2 — Incidente en una funcionalidad específica');
    expect(mail).toContain('¿Qué sigue?');
    expect(mail).toContain('Soporte Interfactura · Portal Gratuito');
  });

  it('should not mention a verification when none was mailed', () => {
    expect(renderConfirmation(input).text).not.toContain('enlace');
  });
});
