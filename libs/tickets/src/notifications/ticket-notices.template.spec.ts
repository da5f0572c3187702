import { describe, expect, it } from '@jest/globals';
import { renderResolution, renderSeverityChange, renderStatusUpdate } from './ticket-notices.template.js';

describe('renderResolution', () => {
  const resolution = (channel: 'email' | 'chat' | 'phone') =>
    renderResolution({ ticketNumber: 'IF-000042', resolution: 'Se corrigió el RFC del receptor.', agentName: 'Lucía', channel }).text;

  it('should tell a mail or chat customer to answer the message to reopen the ticket', () => {
    for (const channel of ['email', 'chat'] as const) {
      expect(resolution(channel)).toContain('Tu ticket IF-000042 quedó resuelto.');
      expect(resolution(channel)).toContain('responde a este mensaje y reabriremos el ticket');
    }
  });

  it('should tell a phone customer to answer the SMS, or call and give the number', () => {
    expect(resolution('phone')).toContain('Si el problema continúa, responde a este SMS o llámanos, marca 4 y teclea el número de tu ticket: lo reabriremos.');
    expect(resolution('phone')).not.toContain('responde a este mensaje');
  });
});

describe('renderStatusUpdate', () => {
  const base = {
    ticketNumber: 'IF-000042',
    severity: 2 as const,
    tier: 'L2',
    status: 'open' as const,
    progressNote: 'Operaciones revisa el PAC.',
    progressNoteAt: new Date('2026-12-07T16:05:00Z'),
    nextUpdateAt: new Date('2026-12-08T16:05:00Z'),
  };

  it('should date the agent’s progress note, so a note sent again is not read as news', () => {
    const text = renderStatusUpdate({ ...base, channel: 'email' }).text;
    expect(text).toContain('Avance registrado el 7 de diciembre de 2026 a las 10:05 a.m. (hora del centro de México): Operaciones revisa el PAC.');
    expect(text).toContain('Soporte Interfactura');
  });

  it('should ask a customer the ticket waits for to answer, instead of saying we keep working', () => {
    const text = renderStatusUpdate({ ...base, status: 'waiting_customer', progressNote: null, progressNoteAt: null, channel: 'email' }).text;
    expect(text).toContain('Tu ticket IF-000042 (severidad 2');
    expect(text).toContain('espera tu respuesta');
    expect(text).not.toContain('Seguimos trabajando');
  });

  it('should fit a phone ticket’s update in a short SMS without the mail’s signature, the note cut with an ellipsis', () => {
    const sms = renderStatusUpdate({ ...base, progressNote: 'Revisamos. '.repeat(60), channel: 'phone' });
    expect(sms.text).toMatch(/^Interfactura IF-000042: seguimos trabajando en tu ticket \(severidad 2\)\. Avance: Revisamos\./);
    expect(sms.text).toContain('…');
    expect(sms.text).not.toContain('Soporte Interfactura · Portal Gratuito');
    expect(sms.text.length).toBeLessThan(400);
  });
});

describe('renderSeverityChange and renderResolution by SMS', () => {
  it('should say a severity change in one SMS sentence with the new severity’s name', () => {
    const sms = renderSeverityChange({ ticketNumber: 'IF-000042', from: 3, to: 1, reason: 'Afecta a todas sus facturas', channel: 'phone' }).text;
    expect(sms).toBe('Interfactura IF-000042: cambiamos la severidad de tu ticket de 3 a 1 (Severidad 1 – Falla parcial). Motivo: Afecta a todas sus facturas');
  });

  it('should keep the whole resolution and the way to reopen by phone, signed in one line', () => {
    const sms = renderResolution({ ticketNumber: 'IF-000042', resolution: 'Se corrigió el RFC del receptor.', agentName: 'Lucía', channel: 'phone' }).text;
    expect(sms).toMatch(/^Interfactura IF-000042: tu ticket quedó resuelto\. Se corrigió el RFC del receptor\. Si el problema continúa, responde a este SMS o llámanos/);
    expect(sms).toMatch(/Lucía, Soporte Interfactura\.$/);
  });
});
