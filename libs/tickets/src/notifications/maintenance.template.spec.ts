import { describe, expect, it } from '@jest/globals';
import { renderMaintenanceNotice } from './maintenance.template.js';

const window = { startsAt: new Date('2026-12-12T08:00:00Z'), endsAt: new Date('2026-12-12T14:00:00Z') };

describe('maintenance notices', () => {
  it('should write an SMS with the window and a short part of what will be done, and a cancellation without it', () => {
    const announcement = renderMaintenanceNotice({ ...window, kind: 'announcement', description: `Cambio de servidores. ${'Detalle técnico. '.repeat(30)}` }, 'phone');
    expect(announcement.html).toBe('');
    expect(announcement.text).toMatch(/^Soporte Interfactura: Te avisamos que el portal gratuito de Interfactura tendrá un mantenimiento programado del .+ al .+\. Qué haremos: Cambio de servidores\. Detalle/);
    expect(announcement.text).toMatch(/…$/);
    expect(announcement.text.length).toBeLessThan(480);

    const cancellation = renderMaintenanceNotice({ ...window, kind: 'cancellation', description: 'Cambio de servidores.' }, 'phone');
    expect(cancellation.text).toMatch(/se canceló; el servicio seguirá operando con normalidad\.$/);
    expect(cancellation.text).not.toContain('Qué haremos');
  });

  it('should keep the mail whole, with what will be done and the signature', () => {
    const mail = renderMaintenanceNotice({ ...window, kind: 'reminder', description: 'Cambio de servidores.' });
    expect(mail.subject).toBe('Interfactura: Recordatorio: mantenimiento programado del portal gratuito');
    expect(mail.text).toContain('Qué haremos: Cambio de servidores.');
    expect(mail.html).toContain('<p>');
  });
});
