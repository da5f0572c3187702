import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

/**
 * What the fault cases measured (recovery times, refusals at the sources, repeated transmissions):
 * printed after the suite and kept in test-artifacts/faults/<suite>.json for docs/reliability.md's numbers.
 */
export class FaultReport {
  private readonly cases: Array<Record<string, unknown>> = [];

  constructor(private readonly suite: string) {}

  add(name: string, measured: Record<string, unknown>): void {
    this.cases.push({ case: name, ...measured });
  }

  write(): void {
    if (this.cases.length === 0) return;
    const dir = join(repoRoot(), 'test-artifacts', 'faults');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.suite}.json`), `${JSON.stringify(this.cases, null, 2)}\n`);
    process.stdout.write(`\n${this.suite}:\n${this.cases.map((measured) => `  ${JSON.stringify(measured)}`).join('\n')}\n`);
  }
}
