import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/repo-root.js';
import { TestEnvironment } from '../test/support/test-environment.js';
import { runBaseline, type ScenarioResult } from './baseline.bench.js';
import { runChatLoad } from './chat-load.bench.js';
import { runChatConnections, runChatLatency } from './chat.bench.js';
import { runEmailLatency } from './email-latency.bench.js';
import { seedHistory } from './support/history-seed.js';
import { round } from './support/process-stats.js';
import { runSurge } from './surge.bench.js';
import { runSmsClients } from './sms.bench.js';
import { runTextThroughput } from './text.bench.js';
import { runWebhooks } from './webhook.bench.js';

const number = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/**
 * `npm run bench`: drives real processes (gateway, worker, Postgres, Redis, Dovecot) with open-loop
 * loads and, beside them on the same services, the bare baseline; prints the figures and writes
 * them as JSON under bench-results/ (git-ignored).
 *
 * BENCH_ONLY (default baseline,webhooks,chat,email; also chat-latency, chat-connections, soak, text,
 * sms, surge), BENCH_EVENTS (per scenario, 2000), BENCH_RATE (offered events/s, 1000), BENCH_MAILS (300),
 * BENCH_MAIL_RATE (50), BENCH_SOAK_EVENTS (100000) and BENCH_SOAK_RATE (100) for the long run,
 * BENCH_WARMUP_SECONDS (3: events sent first at the scenario's rate, at most 200, and not counted),
 * BENCH_ROUNDS (1: baseline, webhooks and chat run this many times, interleaved, with the spread),
 * BENCH_WORKER_PROCESSES (worker processes of the system under test; default as WORKER_PROCESSES's),
 * BENCH_SURGE_EVENTS (20000), BENCH_SURGE_SECONDS (60) and BENCH_SURGE_DRAIN (900: how long to wait
 * for the last confirmations) for the outage day, BENCH_SMS (4000: SMS sent through each Twilio client),
 * BENCH_HISTORY (0: resolved tickets of a past year seeded, then analyzed, before each scenario of the system).
 */
async function main(): Promise<void> {
  const only = new Set((process.env.BENCH_ONLY ?? 'baseline,webhooks,chat,email').split(','));
  const events = number('BENCH_EVENTS', 2_000);
  const rate = number('BENCH_RATE', 1_000);
  process.env.VENTANILLA_TEST_DB ??= 'ventanilla_bench';
  process.env.VENTANILLA_TEST_REDIS_DB ??= '10';
  const env = await TestEnvironment.create('bench');
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const rounds = number('BENCH_ROUNDS', 1);
  const history = number('BENCH_HISTORY', 0);
  // Empties the stores; the system's scenarios then start from the past BENCH_HISTORY asks for.
  const reset = async (scenario: string): Promise<void> => {
    await env.reset();
    if (scenario === 'baseline' || history === 0) return;
    const seeded = await seedHistory(env, history);
    console.log(`${scenario}: seeded a history of ${seeded.tickets} resolved tickets in ${seeded.seconds} s`);
  };
  const results: Array<ScenarioResult | object> = [];
  // Per round, the sustained scenarios of that round (a ratio compares runs of the same round).
  const roundsRun: Array<Record<string, ScenarioResult>> = [];
  try {
    // Rounds interleave the scenarios, so a noisy stretch of the machine touches each of them alike.
    for (let roundNumber = 1; roundNumber <= rounds; roundNumber += 1) {
      const scenarios: Record<string, ScenarioResult> = {};
      for (const [name, run] of [
        ['baseline', () => runBaseline(env, events, rate)],
        ['webhooks', () => runWebhooks(env, events, rate)],
        ['chat', () => runChatLoad(env, events, rate)],
      ] as const) {
        if (!only.has(name)) continue;
        await reset(name);
        const result = await run();
        scenarios[name] = result;
        results.push(rounds > 1 ? { ...result, round: roundNumber } : result);
        console.log(`${rounds > 1 ? `round ${roundNumber}: ` : ''}${summaryLine(result)}`);
      }
      roundsRun.push(scenarios);
    }
    if (rounds > 1) for (const line of spreadLines(roundsRun)) console.log(line);
    if (only.has('email')) {
      await reset('email');
      results.push(await runEmailLatency(env, number('BENCH_MAILS', 300), number('BENCH_MAIL_RATE', 50)));
    }
    if (only.has('chat-latency')) results.push(await runChatLatency(env, number('BENCH_CHAT_CONVERSATIONS', 50)));
    if (only.has('chat-connections')) results.push(await runChatConnections(env, number('BENCH_CHAT_CONNECTIONS', 2_000)));
    if (only.has('text')) {
      const text = runTextThroughput();
      for (const row of text.cases) console.log(`text: ${row.name}: ${row.callsPerSecond} calls/s, ${row.megabytesPerSecond} MB/s, slowest ${row.maxMs} ms`);
      results.push(text);
    }
    if (only.has('sms')) {
      const sms = await runSmsClients(number('BENCH_SMS', 4_000));
      console.log(`sms: ${sms.sent} SMS to the Twilio fake, CPU per SMS ${sms.cpuMicrosecondsPerSms.ours} µs through TwilioHttpClient, ${sms.cpuMicrosecondsPerSms.sdk} µs through the SDK's own client`);
      results.push(sms);
    }
    if (only.has('surge')) {
      await reset('surge');
      const surge = await runSurge(env, number('BENCH_SURGE_EVENTS', 20_000), number('BENCH_SURGE_SECONDS', 60), number('BENCH_SURGE_DRAIN', 900));
      console.log(summaryLine(surge));
      console.log(`surge: per channel ${JSON.stringify(surge.latencyByGroup)}; peak queue depth ${JSON.stringify(surge.peakQueueDepth)} jobs, ${surge.peakPendingItems} items stored and waiting`);
      results.push(surge);
    }
    if (only.has('soak')) {
      await reset('soak');
      const soak = await runWebhooks(env, number('BENCH_SOAK_EVENTS', 100_000), number('BENCH_SOAK_RATE', 100));
      results.push({ ...soak, scenario: 'soak-webhooks', workerRss: flatness(soak.processes.worker?.rssSeriesMiB ?? []) });
    }
    const ratioRounds = roundsRun.map(ratiosOf);
    const ratios = rounds > 1 ? Object.fromEntries(Object.keys(ratioRounds[0] ?? {}).map((name) => [name, ratioRounds.map((ratio) => ratio[name]!)])) : (ratioRounds[0] ?? {});
    const report = { at: new Date().toISOString(), machine, offered: { events, ratePerSecond: rate, historyTickets: history }, ratiosToBaseline: ratios, results: results.map(trimSeries) };
    console.log(JSON.stringify(report, null, 2));
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...report, results }, null, 2));
    console.log(`written to ${file}`);
  } finally {
    await env.close();
  }
}

/** Each scenario's throughput against the bare baseline of the same round. */
function ratiosOf(scenarios: Record<string, ScenarioResult>): Record<string, number> {
  const baseline = scenarios.baseline?.sustainedPerSecond;
  if (!baseline) return {};
  return Object.fromEntries(
    Object.entries(scenarios)
      .filter(([name]) => name !== 'baseline')
      .map(([name, result]) => [name, round(result.sustainedPerSecond / baseline)]),
  );
}

/** Median, lowest and highest over the rounds of each scenario's main figures: how far one run may be off. */
function spreadLines(roundsRun: Array<Record<string, ScenarioResult>>): string[] {
  const spread = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    const median = round((sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2);
    return `${median} (${sorted[0]}-${sorted[sorted.length - 1]})`;
  };
  const lines: string[] = [];
  for (const name of Object.keys(roundsRun[0] ?? {})) {
    const runs = roundsRun.flatMap((scenarios) => (scenarios[name] ? [scenarios[name]] : []));
    const ratios = roundsRun.flatMap((scenarios) => ratiosOf(scenarios)[name] ?? []);
    lines.push(
      `${name} over ${runs.length} rounds, median (lowest-highest): ${spread(runs.map((run) => run.sustainedPerSecond))}/s sustained` +
        `${ratios.length > 0 ? `, ${spread(ratios)} of the baseline` : ''}, p50 ${spread(runs.map((run) => run.latency.p50Ms))} ms, p99 ${spread(runs.map((run) => run.latency.p99Ms))} ms`,
    );
  }
  return lines;
}

function summaryLine(result: ScenarioResult): string {
  const cpu = Object.entries(result.processes)
    .map(([name, figures]) => `${name} ${figures.cpuSecondsPer1000} cpu-s/1k${figures.statementsPerEvent === undefined ? '' : ` ${figures.statementsPerEvent} stmt/event`}, peak ${figures.peakRssMiB} MiB`)
    .join('; ');
  const shared = Object.entries(result.sharedCpuSecondsPer1000 ?? {})
    .map(([name, seconds]) => `; ${name} ${seconds} cpu-s/1k`)
    .join('');
  const statements = result.postgresStatementsPerEvent === undefined ? '' : `; ${result.postgresStatementsPerEvent} Postgres statements/event`;
  const mails = result.mailsAccepted === undefined ? '' : `; ${result.mailsAccepted} mails accepted by SMTP`;
  return `${result.scenario}: ${result.completed}/${result.sent} done, ${result.sustainedPerSecond}/s sustained (offered ${result.offeredPerSecond}/s), p50 ${result.latency.p50Ms} ms, p95 ${result.latency.p95Ms} ms, p99 ${result.latency.p99Ms} ms; ${cpu}${shared}${statements}${mails}`;
}

/** First and last quarter of an RSS series: flat when they are close. */
function flatness(series: number[]): { firstQuarterMiB: number; lastQuarterMiB: number; growthPercent: number } {
  const quarter = Math.max(1, Math.floor(series.length / 4));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const first = mean(series.slice(0, quarter));
  const last = mean(series.slice(-quarter));
  return { firstQuarterMiB: round(first), lastQuarterMiB: round(last), growthPercent: round(((last - first) / Math.max(first, 1)) * 100) };
}

/** The printed report leaves out the RSS series (kept in the JSON file). */
function trimSeries(result: object): object {
  if (!('processes' in result)) return result;
  const processes = (result as ScenarioResult).processes;
  return { ...result, processes: Object.fromEntries(Object.entries(processes).map(([name, { rssSeriesMiB: _series, ...figures }]) => [name, figures])) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
