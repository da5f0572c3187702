import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './password-rule.js';

const GUESSABLE = 'Esa contraseña es de las primeras que se prueban al adivinar: usa una frase de varias palabras que no sea tu correo.';

describe('passwordProblem', () => {
  it('should accept passphrases and long enough passwords', () => {
    for (const password of ['clave-de-prueba-123', 'una clave larga', 'caballo correcto batería grapa', 'Tr0mp0-Azul-2026']) {
      expect(passwordProblem(password, 'ana@interfactura.com')).toBeUndefined();
    }
  });

  it('should refuse a password too short, saying the least length', () => {
    expect(passwordProblem('corta123')).toBe('La contraseña debe tener al menos 10 caracteres.');
  });

  it('should refuse what guessing lists try first, whatever its case', () => {
    for (const password of ['1234567890', 'Contraseña123', 'QWERTYUIOP', 'interfactura1', 'Password123', 'administrador']) {
      expect(passwordProblem(password)).toBe(GUESSABLE);
    }
  });

  it('should refuse runs of one character or of consecutive ones, digits wrapping around', () => {
    for (const password of ['aaaaaaaaaa', '0000000000000', '3456789012', '9876543210', 'abcdefghijkl', 'LKJIHGFEDCBA']) {
      expect(passwordProblem(password)).toBe(GUESSABLE);
    }
    expect(passwordProblem('1357913579')).toBeUndefined();
  });

  it('should refuse the agent’s own address or its name part', () => {
    expect(passwordProblem('Omar.Operaciones@interfactura.com', 'omar.operaciones@interfactura.com')).toBe(GUESSABLE);
    expect(passwordProblem('omar.operaciones', 'omar.operaciones@interfactura.com')).toBe(GUESSABLE);
  });
});
