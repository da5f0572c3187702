import { describe, expect, it } from '@jest/globals';
import { renderMaintenanceNotice } from './maintenance.template.js';

const window = { startsAt: new Date('2026-12-12T08:00:00Z'), endsAt: new Date('2026-12-12T14:00:00Z') };

describe('maintenance notices', () => {
  it('should write an SMS with the window and a short part of what will be done, and a cancellation without it', () => {
    const announcement = renderMaintenanceNotice({ ...window, kind: 'announcement', description: `Cambio de servidores. ${'Detalle técnico. '.repeat(30)}` }, 'phone');
    expect(announcement.html).toBe('');
    expect(announcement.text).toMatch(
      /^Soporte Interfactura: Te avisamos que el portal gratuito de Interfactura tendrá un mantenimiento programado el 12 de diciembre de 2026, de 2:00\sa\.m\. a 8:00\sa\.m\. \(hora del centro de México\)\. Qué haremos: Cambio de servidores\. Detalle/,
    );
    expect(announcement.text).toMatch(/…$/);
    expect(announcement.text.match(/hora del centro de México/g)).toHaveLength(1);
    expect(announcement.text.length).toBeLessThan(420);

    const cancellation = renderMaintenanceNotice({ ...window, kind: 'cancellation', description: 'Cambio de servidores.' }, 'phone');
    expect(cancellation.text).toMatch(/^Soporte Interfactura: El mantenimiento programado para el 12 de diciembre de 2026, de .+ se canceló; el servicio seguirá operando con normalidad\.$/);
    const overnight = renderMaintenanceNotice({ kind: 'reminder', startsAt: new Date('2026-12-12T04:00:00Z'), endsAt: new Date('2026-12-12T10:00:00Z'), description: 'x' }, 'phone');
    expect(overnight.text).toMatch(/, del 11 de diciembre de 2026, 10:00\sp\.m\., al 12 de diciembre de 2026, 4:00\sa\.m\. \(hora del centro de México\)\./);
    expect(cancellation.text).not.toContain('Qué haremos');
  });

  it('should keep the mail whole, with what will be done and the signature', () => {
    const mail = renderMaintenanceNotice({ ...window, kind: 'reminder', description: 'Cambio de servidores.' });
    expect(mail.subject).toBe('Interfactura: Recordatorio: mantenimiento programado del portal gratuito');
    expect(mail.text).toContain('Qué haremos: Cambio de servidores.');
    expect(mail.html).toContain('<p>');
  });
});
