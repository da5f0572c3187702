import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TIME_BUDGET_MS, TIMING_RUNS, growsLinearly, hostileText, millisecondsOf, repeatTo } from '../../../../test/support/hostile-text.js';
import { readBounceReport } from './bounce-report.js';

const HOSTILE_CHARS = 64 * 1024;
// Field names the report is read by, followed by runs of blanks and line breaks.
const FIELDS = ['', 'Message-ID:', 'Final-Recipient:', 'Original-Recipient: rfc822;', 'X-Failed-Recipients:', 'Status:', 'Action:', 'Diagnostic-Code: x\n'];
const BLANKS = [' ', '\t', '\n', '\r\n', '\r', ' \n', '\n\t', '\n ', ' \r\n'];

describe('readBounceReport on hostile mail', () => {
  it('should finish within the budget when a field is followed by 64 KB of blanks and line breaks', () => {
    const raw = fc
      .tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...BLANKS), fc.constantFrom('', 'x', 'final-recipient: a@b.mx'))
      .map(([field, blank, tail]) => ({ source: field + repeatTo(blank, HOSTILE_CHARS) + tail, [fc.toStringMethod]: () => `${JSON.stringify(field)}, ${JSON.stringify(blank)} repeated, ${JSON.stringify(tail)}` }));
    fc.assert(
      fc.property(raw, ({ source }) => {
        expect(millisecondsOf(() => readBounceReport(source, undefined))).toBeLessThan(TIME_BUDGET_MS);
      }),
      TIMING_RUNS,
    );
  });

  it('should finish within the budget when the source is any hostile text shape of 64 KB', () => {
    fc.assert(
      fc.property(hostileText(HOSTILE_CHARS), ({ text }) => {
        expect(millisecondsOf(() => readBounceReport(text, undefined))).toBeLessThan(TIME_BUDGET_MS);
      }),
      TIMING_RUNS,
    );
  });

  it('should take time roughly linear in the source when it is made of blank lines', () => {
    expect(growsLinearly((chars) => readBounceReport(`${'\r\n'.repeat(chars / 2)}Status: 5.1.1`, undefined), 8_000)).toMatchObject({ linear: true });
  });

  it('should still read a recipient when blanks and line breaks surround its field', () => {
    expect(readBounceReport('\n\n   \n  Message-ID: <m@x.mx>\nFinal-Recipient:   rfc822 ;  \n  Ana@Cliente.mx\n', undefined)).toMatchObject({
      originalMessageIds: ['m@x.mx'],
      failedRecipients: ['ana@cliente.mx'],
    });
  });
});
