import { describe, expect, it } from '@jest/globals';
import { detectIncident, type Report } from './incident-detection.js';
import { reportSignature } from './report-signature.js';

const report = (id: string, text: string, severity: 0 | 1 | 2 | 3 = 1, at = 0): Report => ({ id, at, severity, signature: reportSignature(null, text), incidentId: null });

const STAMPING = [
  report('a', 'No podemos timbrar ninguna factura, marca tiempo de espera agotado con el PAC', 1, 0),
  report('b', 'ninguna factura se timbra desde hace rato, sale tiempo de espera agotado', 1, 30_000),
];

describe('detectIncident', () => {
  it('should open a suspected incident when enough severe reports of one failure arrive together, saying why', () => {
    const decision = detectIncident(report('c', 'Tampoco podemos timbrar, error de tiempo de espera agotado al sellar con el PAC', 0, 60_000), { incidents: [], unlinked: STAMPING, surge: false });
    expect(decision).toMatchObject({ kind: 'suspect', reportIds: ['a', 'b', 'c'], reason: expect.stringMatching(/mismo proceso: timbrado/) });
  });

  it('should not start an incident from one customer writing several times about one failure', () => {
    const sameCustomer = STAMPING.map((item) => ({ ...item, contactId: 'maria' }));
    const third = { ...report('c', 'Sigo sin poder timbrar, tiempo de espera agotado al sellar con el PAC', 0, 60_000), contactId: 'maria' };
    expect(detectIncident(third, { incidents: [], unlinked: sameCustomer, surge: false })).toEqual({ kind: 'none' });
    // Two customers are not enough either (three are needed); a third customer's report starts it, with every report linked.
    expect(detectIncident({ ...third, contactId: 'jose' }, { incidents: [], unlinked: sameCustomer, surge: false })).toEqual({ kind: 'none' });
    const mixed = [STAMPING[0]!, { ...STAMPING[1]!, contactId: 'maria' }, { ...report('m2', 'no timbra, tiempo de espera agotado con el PAC', 1, 40_000), contactId: 'maria' }];
    expect(detectIncident({ ...third, contactId: 'jose' }, { incidents: [], unlinked: mixed, surge: false })).toMatchObject({ kind: 'suspect', reportIds: expect.arrayContaining(['a', 'b', 'm2', 'c']) });
  });

  it('should not start an incident from severity 2 and 3 reports outside a surge', () => {
    const mild = STAMPING.map((item) => ({ ...item, severity: 2 as const }));
    expect(detectIncident(report('c', 'no timbra la factura, tiempo de espera agotado con el PAC', 2), { incidents: [], unlinked: mild, surge: false })).toEqual({ kind: 'none' });
    expect(detectIncident(report('c', 'no timbra la factura, tiempo de espera agotado con el PAC', 2), { incidents: [], unlinked: mild, surge: true }).kind).toBe('suspect');
  });

  it('should add a report of a known failure to its incident, whatever its severity', () => {
    const incident = { id: 'i1', reports: STAMPING };
    const decision = detectIncident(report('d', 'hola, no me deja timbrar, dice tiempo de espera agotado', 3), { incidents: [incident], unlinked: [], surge: false });
    expect(decision).toMatchObject({ kind: 'join', incidentId: 'i1' });
  });

  it('should not link rejections that quote different SAT codes, nor unrelated reports that arrive together', () => {
    const rejections = [report('a', 'La factura me la rechaza el SAT con CFDI40145', 1), report('b', 'rechazada con el error CFDI40145 la factura', 1)];
    expect(detectIncident(report('c', 'El SAT rechaza la factura con CFDI40147', 1), { incidents: [], unlinked: rejections, surge: false })).toEqual({ kind: 'none' });
    const unrelated = [report('a', '¿Cómo cambio el logo de mis facturas?', 1), report('b', 'No me llegan los correos de verificación', 1)];
    expect(detectIncident(report('c', 'Necesito descargar el reporte de nómina de octubre', 1), { incidents: [], unlinked: unrelated, surge: false })).toEqual({ kind: 'none' });
  });
});
