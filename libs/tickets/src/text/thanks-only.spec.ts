import { describe, expect, it } from '@jest/globals';
import { isOnlyThanks } from './thanks-only.js';

describe('isOnlyThanks', () => {
  it('should read a closing note of thanks, with courtesy, a signature or quoted history, as thanks only', () => {
    for (const text of [
      'Gracias',
      '¡Muchas gracias!',
      'Ok, gracias. Ya quedó 👍',
      'Perfecto, ya funciona. Mil gracias por su apoyo',
      'Muchas gracias\n\nMarisol Treviño\nContadora General\nFacturas del Norte SA de CV\nTel. 81 1234 5678',
      'Gracias, que tengan buen día\n\nEl lun, 7 dic 2026 a las 10:00, Soporte Interfactura escribió:\n> Tu ticket IF-000123 quedó resuelto.\n> Si el problema continúa, responde.',
      'Hola, gracias!\nSaludos',
      '👍',
      '🙏🏽',
      '👍 👍',
    ]) {
      expect({ text, thanks: isOnlyThanks(text) }).toEqual({ text, thanks: true });
    }
  });

  it('should read anything that says the problem goes on, asks, or says more, as the customer writing again', () => {
    for (const text of [
      'Gracias, pero sigue sin funcionar',
      'No gracias, aún no timbra',
      'Gracias.\nPero sigue sin funcionar el timbrado',
      'Gracias. ¿Y cómo cancelo la factura A-1021?',
      'Ya no funciona',
      '😡',
      '👎',
      '',
      `Gracias ${'muy '.repeat(25)}amables`,
      'Gracias\nuno\ndos\ntres\ncuatro\ncinco',
    ]) {
      expect({ text, thanks: isOnlyThanks(text) }).toEqual({ text, thanks: false });
    }
  });

  it('should not read a long run of lines or words as a closing note', () => {
    const text = `Gracias ${'a\n'.repeat(50_000)}`;
    expect(isOnlyThanks(text)).toBe(false);
    expect(isOnlyThanks('gracias '.repeat(100_000))).toBe(false);
  });
});
