import { describe, expect, it } from '@jest/globals';
import { personIdentifiers, REDACTED, redactJson, textRedactor } from './personal-data-redaction.js';

describe('personIdentifiers', () => {
  it('should list full names before their words, and skip short words, when a name has several', () => {
    expect(personIdentifiers({ names: ['Rosa de la Ibarra'], emails: [], phones: [], others: [] })).toEqual(['Rosa de la Ibarra', 'Ibarra', 'Rosa']);
  });

  it('should add a Mexican number as people write it when the phone is +52 or the legacy +52 1', () => {
    expect(personIdentifiers({ names: [], emails: [], phones: ['+528112345678'], others: [] })).toEqual(['+528112345678', '528112345678', '8112345678']);
    expect(personIdentifiers({ names: [], emails: [], phones: ['+5218112345678'], others: [] })).toContain('8112345678');
  });

  it('should keep one of each value whatever its case, and nothing empty or too short, when values repeat', () => {
    expect(personIdentifiers({ names: [null, '', 'Li'], emails: ['Ana@Cliente.mx', 'ana@cliente.mx'], phones: [undefined], others: ['XAXX010101000'] })).toEqual([
      'Ana@Cliente.mx',
      'XAXX010101000',
    ]);
  });
});

describe('textRedactor', () => {
  const redact = textRedactor(personIdentifiers({ names: ['Ana Ruiz'], emails: ['ana.ruiz@cliente.mx'], phones: ['+528112345678'], others: ['RUAA800101AB1'] }));

  it('should replace every identifier in any case when the text names the person', () => {
    expect(redact('Hola ANA RUIZ (ana.ruiz@Cliente.mx), RFC ruaa800101ab1, tel. 81 1234 5678 o 8112345678.')).toBe(
      `Hola ${REDACTED} (${REDACTED}), RFC ${REDACTED}, tel. 81 1234 5678 o ${REDACTED}.`,
    );
  });

  it('should leave words that only contain an identifier when it is not a whole word', () => {
    expect(redact('La semana de Mariana Ruizeño')).toBe('La semana de Mariana Ruizeño');
  });

  it('should take regular-expression characters literally when an identifier has them', () => {
    const plus = textRedactor(['+52 (81) 1234.5678']);
    expect(plus('llamar al +52 (81) 1234.5678 hoy; no al +52 (81) 1234x5678')).toBe(`llamar al ${REDACTED} hoy; no al +52 (81) 1234x5678`);
  });

  it('should change nothing when there are no identifiers', () => {
    expect(textRedactor([])('Ana Ruiz')).toBe('Ana Ruiz');
  });
});

describe('redactJson', () => {
  const redact = textRedactor(['Ana Ruiz', 'XAXX010101000']);

  it('should blank personal keys outright and scrub identifiers from the rest when data describes a delivery', () => {
    expect(
      redactJson(
        { deliveryId: 'd-1', recipient: 'otra@direccion.mx', reportedRecipients: ['a@b.mx'], attempt: 2, willRetry: false, note: 'Ana Ruiz pide factura XAXX010101000' },
        redact,
      ),
    ).toEqual({ deliveryId: 'd-1', recipient: REDACTED, reportedRecipients: REDACTED, attempt: 2, willRetry: false, note: `${REDACTED} pide factura ${REDACTED}` });
  });

  it('should keep nulls, numbers and nested structure when there is nothing personal in them', () => {
    expect(redactJson({ url: null, from: 'L1', to: 'L2', nested: [{ severity: 2, by: 'Agente Uno' }] }, redact)).toEqual({
      url: null,
      from: 'L1',
      to: 'L2',
      nested: [{ severity: 2, by: 'Agente Uno' }],
    });
  });
});
