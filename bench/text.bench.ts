import { performance } from 'node:perf_hooks';
import { readBounceReport } from '../libs/channels/src/email/bounce-report.js';
import { sanitizeMailHtml } from '../libs/channels/src/email/html-sanitizer.js';
import { mailHtmlToText } from '../libs/channels/src/email/mail-html-text.js';
import { classifyByRules as classifySeverity } from '../libs/tickets/src/severity/severity-rules.js';
import { findTicketNumbers } from '../libs/tickets/src/threading/ticket-number-references.js';
import { repeatTo } from '../test/support/hostile-text.js';
import { round } from './support/process-stats.js';

interface TextCase {
  name: string;
  input: string;
  work: (input: string) => unknown;
}

export interface TextThroughputResult {
  scenario: 'text';
  cases: Array<{ name: string; inputChars: number; callsPerSecond: number; megabytesPerSecond: number; maxMs: number }>;
}

const MAIL = [
  'Buenas tardes, desde esta mañana no puedo timbrar ninguna factura: el portal marca error 500 al sellar.',
  'Ya lo intenté desde otra computadora y pasa lo mismo. ¿Me pueden ayudar? Es el ticket IF-000123.',
  '',
  'Saludos,',
  'Ana López',
  'Tel. 55 1234 5678',
  '',
  'El lun, 2 mar 2026 a las 10:00, Soporte Interfactura escribió:',
  '> Recibimos tu solicitud y abrimos el ticket IF-000123.',
].join('\n');

const CASES: TextCase[] = [
  { name: 'classify a 0.4 KB support mail', input: MAIL, work: (text) => classifySeverity({ subject: 'RE: [IF-000123] Error al timbrar', text }) },
  {
    name: 'classify 48 KB of one-character lines (issue 11)',
    input: `${'—\n'.repeat(24_000)}no puedo timbrar ninguna factura desde esta mañana por favor`,
    work: (text) => classifySeverity({ subject: 'Ayuda', text }),
  },
  { name: 'ticket numbers in a 64 KB body', input: repeatTo(`${MAIL}\n`, 64 * 1024), work: (text) => findTicketNumbers('Seguimiento', text) },
  { name: 'sanitize 64 KB of ordinary HTML', input: repeatTo('<p>Hola <b>mundo</b>, <a href="https://sat.gob.mx">SAT</a></p>\n', 64 * 1024), work: sanitizeMailHtml },
  { name: 'sanitize 1 MB of HTML nested past the limit', input: `<p>hola</p>${'<div>'.repeat(200_000)}`, work: sanitizeMailHtml },
  { name: 'text of 64 KB of ordinary HTML', input: repeatTo('<p>Hola <b>mundo</b>, que tal</p>\n', 64 * 1024), work: (html) => mailHtmlToText(html, { wordwrap: false }) },
  { name: 'bounce report of 64 KB of blank lines', input: `${'\r\n'.repeat(32 * 1024)}Status: 5.1.1`, work: (raw) => readBounceReport(raw, undefined) },
];

/**
 * In-process throughput of the functions that read customer text (`BENCH_ONLY=text`): calls per
 * second, megabytes per second and the slowest call, for ordinary and hostile inputs.
 */
export function runTextThroughput(secondsPerCase = 0.5): TextThroughputResult {
  const cases = CASES.map(({ name, input, work }) => {
    work(input); // let the compiler warm up first
    let calls = 0;
    let maxMs = 0;
    const started = performance.now();
    while (performance.now() - started < secondsPerCase * 1000) {
      const before = performance.now();
      work(input);
      maxMs = Math.max(maxMs, performance.now() - before);
      calls++;
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      name,
      inputChars: input.length,
      callsPerSecond: round(calls / seconds),
      megabytesPerSecond: round((calls * input.length) / seconds / 2 ** 20),
      maxMs: round(maxMs),
    };
  });
  return { scenario: 'text', cases };
}
