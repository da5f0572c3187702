import { SimulatedCall, TwilioWebhookClient } from '../test/support/simulated-call.js';
import type { TestEnvironment } from '../test/support/test-environment.js';
import type { ScenarioResult } from './baseline.bench.js';
import { MonitoredProcesses } from './support/monitored-processes.js';
import { OpenLoop, warmupEvents } from './support/open-loop.js';
import { BENCH_TWILIO, SystemUnderTest } from './system-under-test.js';

/**
 * Phone calls as signed Twilio webhooks: each event is a call answered (`/voice`) and its menu
 * choice (`<Gather>`), which opens a ticket; it completes when the confirmation SMS reaches the
 * Twilio fake.
 */
export async function runWebhooks(env: TestEnvironment, count: number, ratePerSecond: number): Promise<ScenarioResult> {
  const system = await SystemUnderTest.start(env);
  const client = new TwilioWebhookClient(system.base, BENCH_TWILIO.publicBaseUrl, BENCH_TWILIO.accountSid, BENCH_TWILIO.authToken);
  const loop = new OpenLoop();
  const callers = new Map<string, number>();
  // The fake only appends: each poll reads the requests that arrived since the last one.
  let read = 0;
  const poll = setInterval(() => {
    for (const request of system.twilio.requests.slice(read)) {
      const event = callers.get(request.form.To ?? '');
      if (event !== undefined) loop.complete(event, request.receivedAt);
    }
    read = system.twilio.requests.length;
  }, 20);
  const monitors = new MonitoredProcesses(system.processes, system.statements);
  try {
    const run = await monitors.measure(loop, {
      count,
      ratePerSecond,
      drainSeconds: 60,
      warmup: warmupEvents(ratePerSecond),
      fire: async (index) => {
        const caller = `+5281${String(10_000_000 + index).padStart(8, '0')}`;
        callers.set(caller, index);
        const call = new SimulatedCall(client, caller, BENCH_TWILIO.line);
        await call.press(await call.dial(), '2');
      },
    });
    return { scenario: 'webhooks', ...run };
  } finally {
    clearInterval(poll);
    await system.stop();
  }
}
