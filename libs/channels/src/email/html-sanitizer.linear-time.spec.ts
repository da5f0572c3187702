import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TIME_BUDGET_MS, TIMING_RUNS, deepHtml, millisecondsOf, repeatTo } from '../../../../test/support/hostile-text.js';
import { MAX_HTML_CHARS } from './html-bounds.js';
import { sanitizeMailHtml } from './html-sanitizer.js';

describe('sanitizeMailHtml on hostile HTML', () => {
  it('should drop the markup within the budget when 2 MB of HTML nest as deep as they can', () => {
    fc.assert(
      fc.property(deepHtml(2 * 1024 * 1024), ({ text }) => {
        let sanitized: string | undefined;
        expect(millisecondsOf(() => (sanitized = sanitizeMailHtml(text)))).toBeLessThan(TIME_BUDGET_MS);
        expect(sanitized).toBe('');
      }),
      TIMING_RUNS,
    );
  });

  it('should show HTML nested a few hundred levels as before when a long reply chain nests quotes', () => {
    const html = `${'<blockquote>'.repeat(300)}<p>Hola</p>${'</blockquote>'.repeat(300)}`;
    expect(sanitizeMailHtml(html)).toBe(html);
  });

  it('should cut HTML longer than 256 KiB and say so when a mail carries more', () => {
    const html = repeatTo('<p>Factura rechazada por el SAT</p>', MAX_HTML_CHARS + 10_000);
    const sanitized = sanitizeMailHtml(html);
    expect(sanitized.length).toBeLessThan(MAX_HTML_CHARS + 200);
    expect(sanitized).toMatch(/<p><em>\[Mensaje recortado: el correo original es más largo\.\]<\/em><\/p>$/);
  });
});
