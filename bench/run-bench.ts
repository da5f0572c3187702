import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/repo-root.js';
import { TestEnvironment } from '../test/support/test-environment.js';
import { runChatConnections, runChatLatency } from './chat.bench.js';
import { runEmailLatency } from './email-latency.bench.js';

/**
 * `npm run bench`: runs the benchmarks against real processes, prints the figures and writes them
 * as JSON under bench-results/ (git-ignored). Sizes: BENCH_MAILS, BENCH_MAIL_RATE,
 * BENCH_CHAT_CONVERSATIONS, BENCH_CHAT_CONNECTIONS; BENCH_ONLY=email,chat-latency,chat-connections
 * runs a subset.
 */
async function main(): Promise<void> {
  const mails = Number(process.env.BENCH_MAILS ?? 200);
  const mailRate = Number(process.env.BENCH_MAIL_RATE ?? 20);
  const chatConversations = Number(process.env.BENCH_CHAT_CONVERSATIONS ?? 50);
  const chatConnections = Number(process.env.BENCH_CHAT_CONNECTIONS ?? 2_000);
  const only = new Set((process.env.BENCH_ONLY ?? 'email,chat-latency,chat-connections').split(','));
  process.env.VENTANILLA_TEST_DB ??= 'ventanilla_bench';
  process.env.VENTANILLA_TEST_REDIS_DB ??= '10';
  const env = await TestEnvironment.create('bench');
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  try {
    const results: object[] = [];
    if (only.has('email')) results.push(await runEmailLatency(env, mails, mailRate));
    if (only.has('chat-latency')) results.push(await runChatLatency(env, chatConversations));
    if (only.has('chat-connections')) results.push(await runChatConnections(env, chatConnections));
    const report = { at: new Date().toISOString(), machine, results };
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
