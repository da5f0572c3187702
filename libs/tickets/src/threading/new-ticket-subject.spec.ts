import { describe, expect, it } from '@jest/globals';
import { subjectForNewTicket } from './new-ticket-subject.js';

describe('subjectForNewTicket', () => {
  it('should drop reply prefixes, our ticket tag and our confirmation’s opening from a mail that opens a new ticket', () => {
    expect(subjectForNewTicket('RE: [IF-000072] Recibimos tu solicitud: No puedo timbrar')).toBe('No puedo timbrar');
    expect(subjectForNewTicket('RV: RE: Re[2]: Fwd: Factura A-77 rechazada')).toBe('Factura A-77 rechazada');
    expect(subjectForNewTicket('  [IF-1234567] RES: Cancelación pendiente ')).toBe('Cancelación pendiente');
  });

  it('should keep a subject whose words only look like a prefix, and one that is nothing but prefixes', () => {
    expect(subjectForNewTicket('Revisión de mi RFC: no coincide')).toBe('Revisión de mi RFC: no coincide');
    expect(subjectForNewTicket('Recibimos tu factura pero no el XML')).toBe('Recibimos tu factura pero no el XML');
    expect(subjectForNewTicket('RE:')).toBe('RE:');
    expect(subjectForNewTicket('')).toBe('');
  });
});
