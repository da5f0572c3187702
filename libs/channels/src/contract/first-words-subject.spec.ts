import { describe, expect, it } from '@jest/globals';
import { firstWordsSubject } from './first-words-subject.js';

describe('firstWordsSubject', () => {
  it('should keep a short message whole, on one line', () => {
    expect(firstWordsSubject('No timbra\n  la factura')).toBe('No timbra la factura');
  });

  it('should cut a long message at a word and mark the cut', () => {
    const subject = firstWordsSubject('El portal no me deja descargar el XML de ninguna de mis facturas de este mes', 40);
    expect(subject).toBe('El portal no me deja descargar el XML de…');
  });

  it('should cut a single very long word at the limit', () => {
    expect(firstWordsSubject('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
