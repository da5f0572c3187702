import fc from 'fast-check';

/**
 * What a text function may spend on one hostile input. The fixed code takes a few milliseconds on
 * these sizes and super-linear code seconds to minutes, so a second leaves room for a loaded
 * two-core CI machine without hiding a regression.
 */
export const TIME_BUDGET_MS = 1_000;

/** Options for `fc.assert` on timing properties: the first slow input is the finding, shrinking it would only repeat the wait. */
export const TIMING_RUNS = { numRuns: 40, endOnFailure: true } as const;

/** Wall-clock milliseconds of one synchronous call. */
export function millisecondsOf(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** The best of a few runs, so one garbage collection does not decide a comparison. */
export function bestMillisecondsOf(work: () => unknown, runs = 3): number {
  return Math.min(...Array.from({ length: runs }, () => millisecondsOf(work)));
}

/**
 * Whether `work` grows roughly linearly: eight times the input may take at most 24 times as long
 * (plus 30 ms of noise). Linear code takes about 8 times; quadratic code takes about 64 times.
 */
export function growsLinearly(work: (chars: number) => unknown, chars: number): { small: number; large: number; linear: boolean } {
  work(chars); // warm up the compiler first
  const small = bestMillisecondsOf(() => work(chars));
  const large = bestMillisecondsOf(() => work(8 * chars));
  return { small, large, linear: large <= 24 * small + 30 };
}

/** `unit` repeated until the text is `chars` long (the last repetition cut). */
export function repeatTo(unit: string, chars: number): string {
  if (unit.length === 0 || chars <= 0) return '';
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

// Lines that quote, signature and attribution detection treat specially (sign-offs, dividers,
// quote marks, header lines, contact data) and plain short lines.
const LINE_UNITS = [
  '—\n', 'x\n', '\n', ' \n', '\r\n', '>\n', '> > >\n', 'Saludos,\n', 'Gracias\n', 'Atte.\n', '--\n', '-- \n', '________\n',
  'On 1\n', 'On 1 wrote:\n', 'El 1 escribió:\n', 'De: x\n', 'From: x\nTo: y\n', 'tel 5512345678\n', 'tel 5512345678\n\n', 'IF-1\n',
];
// One-character runs that regexes with adjacent or nested quantifiers backtrack on (phones, emails, RFCs, URLs).
const RUN_UNITS = ['1', '0', ' ', '\t', '.', '-', '_', '>', '@', '+', '(', '1 ', '1-', '(1', 'a.', 'a@', '@a', 'ABC', 'http://', 'www.', 'ñá', '😀', '\u0301'];
const RUN_PREFIXES = ['', 'On ', 'El ', 'IF', 'IF-', 'tel ', 'RFC ', 'a@b', 'http://', 'De: ', 'final-recipient:', 'message-id:'];
// A last line long enough (over eight words) to defeat "only short lines follow" early exits.
const LONG_LINES = [
  'no puedo timbrar ninguna factura desde esta mañana por favor',
  'hola buenas tardes nadie en la oficina puede entrar al portal hoy',
  'the whole portal is down for everyone in our office since this morning',
];

/** A generated input and a short description of it (failure reports name the shape, not 64 KB of it). */
export interface HostileInput {
  text: string;
  [fc.toStringMethod](): string;
}

function hostileInput(description: string, text: string): HostileInput {
  return { text, [fc.toStringMethod]: () => `${description} (${text.length} characters)` };
}

/**
 * Customer texts of about `chars` characters in the shapes that make naive text code super-linear:
 * many short lines of one kind ending in a long line, one huge run of a character class after a
 * trigger word, and random lines of the same pieces.
 */
export function hostileText(chars: number): fc.Arbitrary<HostileInput> {
  const manyLines = fc
    .tuple(fc.constantFrom(...LINE_UNITS), fc.constantFrom(...LONG_LINES))
    .map(([line, last]) => hostileInput(`${JSON.stringify(line)} repeated, then ${JSON.stringify(last)}`, repeatTo(line, chars - last.length) + last));
  const hugeRun = fc
    .tuple(fc.constantFrom(...RUN_PREFIXES), fc.oneof(fc.constantFrom(...RUN_UNITS), fc.string({ unit: fc.constantFrom(...'1 .-_>@a\n\t:'), minLength: 1, maxLength: 8 })))
    .map(([prefix, run]) => hostileInput(`${JSON.stringify(prefix)} then ${JSON.stringify(run)} repeated`, prefix + repeatTo(run, chars - prefix.length - 1) + 'x'));
  const mixedLines = fc
    .array(fc.constantFrom(...LINE_UNITS, ...LONG_LINES.map((line) => `${line}\n`)), { minLength: 1, maxLength: 30 })
    .map((lines) => hostileInput(`${JSON.stringify(lines.join(''))} repeated`, repeatTo(lines.join(''), chars)));
  return fc.oneof({ arbitrary: manyLines, weight: 3 }, { arbitrary: hugeRun, weight: 2 }, { arbitrary: mixedLines, weight: 1 });
}

// Openings that nest without ever closing, as htmlparser2 reads them: plain elements, elements
// that only close their own kind (<p><li>), attributes hiding end tags, foreign content.
const DEEP_HTML_UNITS = [
  '<div>', '<b>', '<blockquote>', '<font>', '<p><li>', '<li><p>', '<ul><li>', '<table><tr><td><div>', '<dd><b>',
  '<span title="</div>">', '<svg><g>', '<math><mi><div>', '<div/>', '<a href="https://x.example">',
];

/** HTML of about `chars` characters that opens with the customer's words and then nests as deep as its length allows. */
export function deepHtml(chars: number): fc.Arbitrary<HostileInput> {
  const words = '<p>no puedo timbrar</p>';
  return fc
    .tuple(fc.constantFrom(...DEEP_HTML_UNITS), fc.constantFrom('', 'texto ', '</i>'))
    .map(([open, filler]) => hostileInput(`${JSON.stringify(open + filler)} repeated`, words + repeatTo(open + filler, chars - words.length)));
}
