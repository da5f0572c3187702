import { describe, expect, it } from '@jest/globals';
import { incidentKnownNotice, renderIncidentMessage } from './incident.template.js';

const base = { ticketNumber: 'IF-000042', ticketSubject: 'No timbra', incidentTitle: 'Falla en el timbrado', body: 'El proveedor ya trabaja en la falla.', agentName: 'Lucía', kind: 'update' as const };

describe('incident messages as each channel shows them', () => {
  it('should thread the mail on the customer’s own ticket and sign it', () => {
    const mail = renderIncidentMessage({ ...base, channel: 'email' });
    expect(mail.subject).toBe('Re: [IF-000042] Actualización: Falla en el timbrado');
    expect(mail.text).toContain('El proveedor ya trabaja en la falla.');
    expect(mail.text).toContain('Atentamente, Lucía');
    expect(mail.html).not.toContain('<script');
  });

  it('should keep an SMS short but always name the ticket', () => {
    const sms = renderIncidentMessage({ ...base, channel: 'phone', body: 'x'.repeat(1_000) });
    expect(sms.text.startsWith('Interfactura IF-000042: actualización.')).toBe(true);
    expect(sms.text.length).toBeLessThanOrEqual(240);
  });

  it('should say in the resolution that the ticket closes and how to reopen it', () => {
    const chat = renderIncidentMessage({ ...base, channel: 'chat', kind: 'resolution' });
    expect(chat.text).toContain('Quedó resuelta la falla "Falla en el timbrado"');
    expect(chat.text).toContain('responde a este mensaje y lo reabriremos');
  });

  it('should escape the agent’s text in mail HTML', () => {
    expect(renderIncidentMessage({ ...base, channel: 'email', body: '<b>ya</b>' }).html).toContain('&lt;b&gt;ya&lt;/b&gt;');
  });

  it('should tell a customer linked at intake that the failure is known', () => {
    expect(incidentKnownNotice('Falla en el timbrado')).toMatch(/^Ya sabemos de esta falla \("Falla en el timbrado"\) y la estamos atendiendo/);
  });
});
