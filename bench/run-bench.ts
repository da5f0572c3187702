import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/repo-root.js';
import { TestEnvironment } from '../test/support/test-environment.js';
import { runEmailLatency } from './email-latency.bench.js';

/**
 * `npm run bench`: runs the benchmarks against real processes, prints the figures and writes them
 * as JSON under bench-results/ (git-ignored). Sizes: BENCH_MAILS, BENCH_MAIL_RATE.
 */
async function main(): Promise<void> {
  const mails = Number(process.env.BENCH_MAILS ?? 200);
  const mailRate = Number(process.env.BENCH_MAIL_RATE ?? 20);
  process.env.VENTANILLA_TEST_DB ??= 'ventanilla_bench';
  process.env.VENTANILLA_TEST_REDIS_DB ??= '10';
  const env = await TestEnvironment.create('bench');
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  try {
    const email = await runEmailLatency(env, mails, mailRate);
    const report = { at: new Date().toISOString(), machine, results: [email] };
    console.log(JSON.stringify(report, null, 2));
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`written to ${file}`);
  } finally {
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
