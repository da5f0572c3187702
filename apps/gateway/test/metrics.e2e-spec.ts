import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CustomerStack, mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { freePort } from '../../../test/support/ports.js';
import { PrometheusScrape } from '../../../test/support/prometheus-text.js';
import { repoRoot } from '../../../test/support/repo-root.js';

/**
 * docs/metrics.md, tried: a gateway and a worker (built processes) each serve /metrics on their own
 * port; after a customer's chat, call and mail, and an agent's reply, the counters and histograms
 * moved by what happened, and the gauges say what the queues, the SLA and the mailbox are doing.
 */
describe('metrics: /metrics of the gateway and the worker after real traffic', () => {
  let stack: CustomerStack;
  let gatewayMetrics: string;
  let workerMetrics: string;
  const gateway = () => PrometheusScrape.of(gatewayMetrics);
  const worker = () => PrometheusScrape.of(workerMetrics);

  beforeAll(async () => {
    const [gatewayPort, workerPort] = [await freePort(), await freePort()];
    gatewayMetrics = `http://127.0.0.1:${gatewayPort}/metrics`;
    workerMetrics = `http://127.0.0.1:${workerPort}/metrics`;
    stack = await CustomerStack.start('metrics', { METRICS_PORT: String(workerPort) }, { METRICS_PORT: String(gatewayPort) });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('should count a chat, a call and a mail with their confirmations and a reply, and time the requests and socket events they took', async () => {
    const [gatewayBefore, workerBefore] = [await gateway(), await worker()];
    expect(workerBefore.value('ventanilla_intake_total')).toBe(0);

    await stack.chat({ name: 'Rocío Méndez', email: customerAddress('metricas-chat'), message: 'No puedo descargar mi factura' });
    await stack.call(mobileNumber(), 'Mi factura no se timbra desde ayer');
    const mailed = await stack.mail({ from: customerAddress('metricas-mail'), subject: 'Error CFDI40102 al timbrar', text: 'El portal rechaza mi factura.' });
    expect((await stack.api.post(`/api/tickets/${mailed.ticketNumber}/replies`, { body: 'Ya lo revisamos: intente de nuevo.' })).status).toBe(201);

    // Every message sent to a customer is counted once, under its channel and kind, as Postgres recorded it.
    const sent = async () =>
      stack.env.query<{ channel: string; kind: string; count: number }>(
        `SELECT channel, kind, count(*)::int AS count FROM outbound_deliveries WHERE status = 'sent' GROUP BY 1, 2 ORDER BY 1, 2`,
      );
    await eventually(async () => (await sent()).some((row) => row.channel === 'email' && row.kind === 'reply') || undefined, { what: 'the reply to be sent' });
    const deliveries = await sent();
    expect(deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'email', kind: 'confirmation', count: 1 })]));
    const workerAfter = await eventually(async () => {
      const scrape = await worker();
      return deliveries.every((row) => scrape.value('ventanilla_deliveries_total', { channel: row.channel, kind: row.kind, result: 'sent' }) === row.count) ? scrape : undefined;
    }, { what: 'the worker to count every delivery Postgres recorded as sent' });
    expect(workerAfter.value('ventanilla_deliveries_total', { result: 'failed' })).toBe(0);

    // One new ticket per channel; the call's later callbacks join its ticket.
    for (const channel of ['chat', 'phone', 'email']) {
      expect(workerAfter.value('ventanilla_intake_total', { channel, outcome: 'ticket_created' })).toBe(1);
    }
    expect(workerAfter.value('ventanilla_intake_total', { channel: 'phone', outcome: 'call_updated' })).toBeGreaterThan(0);

    // The gateway timed the requests under their route templates, and the chat's socket events.
    const gatewayAfter = await gateway();
    const requests = (scrape: PrometheusScrape, labels: Record<string, string>) => scrape.value('ventanilla_http_request_duration_seconds_count', labels);
    expect(requests(gatewayAfter, { method: 'POST', route: '/api/tickets/:number/replies', status: '201' })).toBe(1);
    expect(requests(gatewayAfter, { method: 'POST', route: '/webhooks/twilio/:callback', status: '200' }) - requests(gatewayBefore, { route: '/webhooks/twilio/:callback' })).toBeGreaterThanOrEqual(4);
    expect(gatewayAfter.value('ventanilla_socket_event_duration_seconds_count', { namespace: '/chat', event: 'chat:start', result: 'ok' })).toBe(1);
    expect(gatewayAfter.value('ventanilla_http_request_duration_seconds_sum', { route: '/api/tickets/:number/replies' })).toBeGreaterThan(0);
  });

  it('should report queue depth and oldest job age per queue, the mailbox reader, and event-loop lag', async () => {
    const [gatewayNow, workerNow] = [await gateway(), await worker()];
    for (const queue of ['intake', 'outbound', 'sla']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(gatewayNow.has('ventanilla_queue_jobs', { queue, state })).toBe(true);
      expect(gatewayNow.has('ventanilla_queue_oldest_waiting_seconds', { queue })).toBe(true);
    }
    expect(gatewayNow.value('ventanilla_queue_jobs', { state: 'failed' })).toBe(0);

    expect(workerNow.value('ventanilla_mailbox_connected', { mailbox: 'INBOX' })).toBe(1);
    const lastPoll = workerNow.value('ventanilla_mailbox_last_poll_success_timestamp_seconds');
    expect(Date.now() / 1_000 - lastPoll).toBeLessThan(120);
    // The gateway reads no mailbox: no series rather than a misleading 0.
    expect(gatewayNow.has('ventanilla_mailbox_connected')).toBe(false);

    for (const scrape of [gatewayNow, workerNow]) expect(scrape.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('should count open tickets whose SLA is at risk or breached', async () => {
    const counts = async () => {
      const scrape = await gateway();
      return { atRisk: scrape.value('ventanilla_sla_tickets', { state: 'at_risk' }), breached: scrape.value('ventanilla_sla_tickets', { state: 'breached' }) };
    };
    const open = await stack.env.query<{ number: string }>(`SELECT number FROM tickets WHERE status NOT IN ('resolved', 'merged') ORDER BY number`);
    expect(open).toHaveLength(3);
    const [risky, late, done] = open.map((row) => row.number);
    // Every clock set by hand, so the counts do not depend on the SLA policy of the test settings.
    const setClocks = (number: string | undefined, minutesFromNow: { attentionRisk: number; attentionDue: number; solutionRisk: number; solutionDue: number }) =>
      stack.env.query(
        `UPDATE tickets SET first_response_at = NULL,
                attention_risk_at = now() + make_interval(mins => $2), attention_due_at = now() + make_interval(mins => $3),
                solution_risk_at = now() + make_interval(mins => $4), solution_due_at = now() + make_interval(mins => $5)
          WHERE number = $1`,
        [number, minutesFromNow.attentionRisk, minutesFromNow.attentionDue, minutesFromNow.solutionRisk, minutesFromNow.solutionDue],
      );
    for (const number of [risky, late, done]) await setClocks(number, { attentionRisk: 30, attentionDue: 60, solutionRisk: 90, solutionDue: 120 });
    expect(await counts()).toEqual({ atRisk: 0, breached: 0 });
    await setClocks(risky, { attentionRisk: -1, attentionDue: 60, solutionRisk: 90, solutionDue: 120 });
    await setClocks(late, { attentionRisk: -90, attentionDue: -60, solutionRisk: -30, solutionDue: -1 });
    // A resolved ticket past its deadlines is no longer exposed.
    await setClocks(done, { attentionRisk: -90, attentionDue: -60, solutionRisk: -30, solutionDue: -1 });
    await stack.env.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE number = $1`, [done]);
    expect(await counts()).toEqual({ atRisk: 1, breached: 1 });
  });

  it('should have every series the Grafana dashboard (docs/grafana-dashboard.json) queries', async () => {
    const dashboard = JSON.parse(readFileSync(join(repoRoot(), 'docs/grafana-dashboard.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const queried = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\b(?:ventanilla|nodejs|process)_\w+/g) ?? [])));
    expect(queried.size).toBeGreaterThan(10);
    const [gatewayNow, workerNow] = [await gateway(), await worker()];
    expect([...queried].filter((name) => !gatewayNow.has(name) && !workerNow.has(name))).toEqual([]);
  });

  it('should serve metrics on their own loopback port only, not on the public one', async () => {
    expect((await fetch(`${stack.base}/metrics`)).status).toBe(404);
    expect((await fetch(gatewayMetrics.replace('/metrics', '/other'))).status).toBe(404);
    expect((await fetch(gatewayMetrics)).headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
