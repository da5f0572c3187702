import { describe, expect, it } from '@jest/globals';
import { cutWhole, wellFormed } from './well-formed.js';

describe('cutWhole', () => {
  it('should cut before an emoji whose halves the limit would split, and leave other cuts as slice does', () => {
    const subject = `Factura urgente ${'x'.repeat(5)}🔥 ayuda`;
    const atTheEmoji = subject.indexOf('🔥') + 1;
    expect(cutWhole(subject, atTheEmoji)).toBe(`Factura urgente ${'x'.repeat(5)}`);
    expect(wellFormed(cutWhole(subject, atTheEmoji))).toBe(cutWhole(subject, atTheEmoji));
    expect(cutWhole(subject, atTheEmoji + 1)).toBe(`Factura urgente ${'x'.repeat(5)}🔥`);
    expect(cutWhole('corto', 140)).toBe('corto');
  });
});
