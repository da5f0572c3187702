// Evaluates the severity classifier on the labelled dev set (../shared/data/severity-dev.jsonl).
// Exit code 1 when accuracy < 0.80 or any severity-0 item is rated 3; 0 otherwise (also when the file is absent).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifySeverity } from '../libs/tickets/src/severity/severity-classifier.js';
import { SEVERITIES, isSeverity } from '../libs/tickets/src/severity/severity.js';
import type { Severity } from '../libs/tickets/src/severity/severity.js';

const MIN_ACCURACY = 0.8;
const DATA_FILE = resolve(process.cwd(), '..', 'shared', 'data', 'severity-dev.jsonl');

interface LabelledItem {
  id: string;
  subject: string | null;
  text: string;
  severity: Severity;
}

interface Outcome {
  item: LabelledItem;
  predicted: Severity;
  reasons: string[];
}

function parseItems(content: string): LabelledItem[] {
  return content
    .split('\n')
    .map((line, index) => ({ line: line.trim(), lineNumber: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, lineNumber }) => toItem(JSON.parse(line) as unknown, lineNumber));
}

function toItem(raw: unknown, lineNumber: number): LabelledItem {
  if (typeof raw !== 'object' || raw === null) throw new Error(`line ${String(lineNumber)}: not a JSON object`);
  const record = raw as Record<string, unknown>;
  const { id, subject, text, severity } = record;
  if (typeof id !== 'string' || typeof text !== 'string' || !isSeverity(severity)) {
    throw new Error(`line ${String(lineNumber)}: needs string id, string text and severity 0..3`);
  }
  return { id, subject: typeof subject === 'string' ? subject : null, text, severity };
}

type Row = Record<Severity, number>;
type Matrix = Record<Severity, Row>;

function emptyRow(): Row {
  return { 0: 0, 1: 0, 2: 0, 3: 0 };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

function percent(part: number, total: number): string {
  return total === 0 ? 'n/a' : `${((part / total) * 100).toFixed(1)} %`;
}

function report(outcomes: readonly Outcome[]): boolean {
  const matrix: Matrix = { 0: emptyRow(), 1: emptyRow(), 2: emptyRow(), 3: emptyRow() };
  for (const { item, predicted } of outcomes) matrix[item.severity][predicted] += 1;

  const correct = outcomes.filter((o) => o.item.severity === o.predicted).length;
  const accuracy = outcomes.length === 0 ? 0 : correct / outcomes.length;
  const underTriage = outcomes.filter((o) => o.item.severity <= 1 && o.predicted >= 2).length;
  const zeroRatedThree = outcomes.filter((o) => o.item.severity === 0 && o.predicted === 3).length;
  const count = (n: number): string => String(n);

  console.log(`Severity classifier on ${DATA_FILE}`);
  console.log(`Items: ${count(outcomes.length)}   correct: ${count(correct)}   accuracy: ${percent(correct, outcomes.length)}`);
  console.log('');
  console.log('Confusion matrix (rows = expected, columns = predicted)');
  console.log(`        ${SEVERITIES.map((s) => pad(`p${String(s)}`, 5)).join('')}`);
  for (const expected of SEVERITIES) {
    console.log(`   e${String(expected)}   ${SEVERITIES.map((predicted) => pad(matrix[expected][predicted], 5)).join('')}`);
  }
  console.log('');
  console.log('Per-class recall');
  for (const severity of SEVERITIES) {
    const total = outcomes.filter((o) => o.item.severity === severity).length;
    const hit = matrix[severity][severity];
    console.log(`   severity ${String(severity)}: ${pad(percent(hit, total), 7)}  (${count(hit)}/${count(total)})`);
  }
  console.log('');
  console.log(`Under-triage (labelled 0/1, predicted 2/3): ${count(underTriage)}`);
  console.log(`Severity-0 items rated 3: ${count(zeroRatedThree)}`);

  const misses = outcomes.filter((o) => o.item.severity !== o.predicted);
  if (misses.length > 0) {
    console.log('');
    console.log('Misclassified');
    for (const { item, predicted, reasons } of misses) {
      console.log(`   ${item.id}  expected ${String(item.severity)}  predicted ${String(predicted)}  ${reasons.join('; ')}`);
    }
  }

  const passed = accuracy >= MIN_ACCURACY && zeroRatedThree === 0;
  console.log('');
  console.log(passed ? 'PASS' : `FAIL (needs accuracy >= ${String(MIN_ACCURACY)} and no severity-0 item rated 3)`);
  return passed;
}

function main(): number {
  if (!existsSync(DATA_FILE)) {
    console.log(`No labelled data at ${DATA_FILE}; nothing to evaluate (run from the repository root).`);
    return 0;
  }
  const outcomes = parseItems(readFileSync(DATA_FILE, 'utf8')).map((item) => {
    const { severity, reasons } = classifySeverity({ subject: item.subject, text: item.text });
    return { item, predicted: severity, reasons };
  });
  return report(outcomes) ? 0 : 1;
}

process.exitCode = main();
