import { describe, expect, it } from '@jest/globals';
import { isValidRfc } from './rfc.js';

describe('isValidRfc', () => {
  it('should accept published RFCs whose check digit matches', () => {
    // The SAT's and the CFE's own RFCs, as printed on their invoices.
    expect(isValidRfc('SAT970701NN3')).toBe(true);
    expect(isValidRfc('CFE370814QI0')).toBe(true);
    expect(isValidRfc('sat970701nn3')).toBe(true);
  });

  it('should accept the generic RFCs of sales to the public and to foreigners', () => {
    expect(isValidRfc('XAXX010101000')).toBe(true);
    expect(isValidRfc('XEXX010101000')).toBe(true);
  });

  it('should refuse a wrong check digit, an impossible date or a wrong shape', () => {
    expect(isValidRfc('SAT970701NN4')).toBe(false);
    expect(isValidRfc('CFE370814QI1')).toBe(false);
    expect(isValidRfc('SAT971301NN3')).toBe(false);
    expect(isValidRfc('SAT970732NN3')).toBe(false);
    expect(isValidRfc('S4T970701NN3')).toBe(false);
    expect(isValidRfc('SAT970701NN33')).toBe(false);
    expect(isValidRfc('')).toBe(false);
  });
});
