import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TIME_BUDGET_MS, TIMING_RUNS, growsLinearly, hostileText, millisecondsOf, repeatTo } from '../../../../test/support/hostile-text.js';
import { extractCustomerText } from '../text/customer-text.js';
import { classifyByRules } from './severity-rules.js';

// Just under the 50,000 characters the classifier reads, so a long last line is still read.
const HOSTILE_CHARS = 48 * 1024;

describe('classifyByRules on hostile text', () => {
  it('should classify the 48 KB mail of 24,000 one-character lines in under a second when one nine-word line ends it', () => {
    const text = '—\n'.repeat(24_000) + 'no puedo timbrar ninguna factura desde esta mañana por favor';
    expect(text.length).toBeGreaterThan(48_000);
    let severity: number | undefined;
    const elapsed = millisecondsOf(() => (severity = classifyByRules({ subject: 'Ayuda', text }).severity));
    expect(elapsed).toBeLessThan(TIME_BUDGET_MS);
    expect(severity).toBeDefined();
  });

  it('should finish within the budget when the body is any hostile shape of 48 KB', () => {
    fc.assert(
      fc.property(hostileText(HOSTILE_CHARS), ({ text }) => {
        expect(millisecondsOf(() => classifyByRules({ subject: 'Ayuda', text }))).toBeLessThan(TIME_BUDGET_MS);
      }),
      TIMING_RUNS,
    );
  });

  it('should read only the first 1,000 characters of a subject when the subject is longer', () => {
    const subject = `${repeatTo('ayuda ', 1_000)} todo el mundo dice que nadie puede entrar al portal`;
    expect(classifyByRules({ subject, text: '¿Cómo cambio mi contraseña?' }).severity).toBe(3);
  });
});

describe('extractCustomerText on hostile text', () => {
  it('should take time roughly linear in the text when signature-like lines end in a long line', () => {
    const text = (chars: number) => repeatTo('Saludos,\n', chars) + 'no puedo timbrar ninguna factura desde esta mañana por favor';
    const growth = growsLinearly((chars) => extractCustomerText('', text(chars)), 6_000);
    expect(growth).toMatchObject({ linear: true });
  });

  it('should finish within the budget when subject and body are hostile shapes', () => {
    fc.assert(
      fc.property(hostileText(64 * 1024), hostileText(1_000), (body, subject) => {
        expect(millisecondsOf(() => extractCustomerText(subject.text, body.text))).toBeLessThan(TIME_BUDGET_MS);
      }),
      TIMING_RUNS,
    );
  });
});
