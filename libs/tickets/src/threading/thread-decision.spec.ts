import { describe, expect, it } from '@jest/globals';
import { decideThread } from './thread-decision.js';
import { newPartOfReply } from '../text/customer-text.js';
import { findTicketNumbers } from './ticket-number-references.js';

describe('decideThread', () => {
  const candidate = { ticketId: 't-1', participants: ['ana@example.com'] };

  it('should follow the reference when the message answers one of ours', () => {
    expect(decideThread('stranger@example.com', { byReference: 't-9', byNumber: [candidate] })).toEqual({
      ticketId: 't-9',
      via: 'reference',
    });
  });

  it('should join by ticket number when the sender takes part in that ticket', () => {
    expect(decideThread('Ana@Example.com', { byNumber: [candidate] })).toEqual({ ticketId: 't-1', via: 'ticket_number' });
  });

  it('should open a new ticket when a stranger quotes someone else’s ticket number', () => {
    expect(decideThread('mallory@example.com', { byNumber: [candidate] })).toBeUndefined();
  });

  it('should open a new ticket when nothing points to an existing one', () => {
    expect(decideThread('ana@example.com', { byNumber: [] })).toBeUndefined();
  });
});

describe('findTicketNumbers', () => {
  it('should find the number in brackets in a reply subject', () => {
    expect(findTicketNumbers('RE: [IF-000123] Recibimos tu solicitud', '')).toEqual(['IF-000123']);
  });

  it('should canonicalise numbers written without padding or with a space', () => {
    expect(findTicketNumbers('seguimiento if 123', 'sobre el ticket IF#45')).toEqual(['IF-000123', 'IF-000045']);
  });

  it('should ignore numbers that only appear in quoted history', () => {
    const body = 'Tengo otra duda.\n\nEl lun, 2 mar 2026 a las 10:00, Soporte escribió:\n> Su ticket IF-000777';
    expect(findTicketNumbers('Nueva duda', body)).toEqual([]);
  });

  it('should not take other codes such as CFDI error numbers for ticket numbers', () => {
    expect(findTicketNumbers('Error CFDI40157', 'folio A-1554')).toEqual([]);
  });

  it('should read at most 20 numbers when a mail quotes thousands', () => {
    const body = Array.from({ length: 5_000 }, (_, index) => `IF-${index + 1}`).join(' ');
    const numbers = findTicketNumbers('IF-000999', body);
    expect(numbers).toHaveLength(20);
    expect(numbers.slice(0, 2)).toEqual(['IF-000999', 'IF-000001']);
  });

  it('should not read a number quoted after the first 50,000 characters of a body', () => {
    expect(findTicketNumbers('Seguimiento', `${'x'.repeat(50_000)} IF-000123`)).toEqual([]);
    expect(findTicketNumbers('Seguimiento', `${'x'.repeat(49_000)} IF-000123`)).toEqual(['IF-000123']);
  });
});

describe('newPartOfReply (the one customer-text extractor threading shares with the classifier)', () => {
  it('should keep new lines and drop lines quoted with ">"', () => {
    expect(newPartOfReply('hola\n> viejo\nadiós')).toBe('hola\nadiós');
  });

  it('should stop at the quoted history however the mail client introduces it', () => {
    expect(newPartOfReply('Sigue fallando IF-000007\n\nEl lun, 3 nov 2025 a las 10:00, Soporte <s@i.com> escribió:\nIF-000001')).toBe('Sigue fallando IF-000007\n\n');
    expect(newPartOfReply('Ya quedó\n-----Mensaje original-----\nDe: Soporte\nIF-000001')).toBe('Ya quedó\n');
    expect(newPartOfReply('Gracias\r\nFrom: Soporte <s@i.com>\r\nSent: lunes\r\nTo: yo\r\nSubject: [IF-000001]\r\n')).toBe('Gracias\n');
  });

  it('should find nothing new in a bare forward-as-reply, so quoted numbers never thread', () => {
    expect(findTicketNumbers('Re: seguimiento', '> IF-000001 quedó resuelto')).toEqual([]);
  });
});
