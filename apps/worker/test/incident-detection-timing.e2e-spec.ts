import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CustomerStack } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';
import { QueueJobs } from '../../../test/support/queue-jobs.js';

/** Four customers describe one failure (stamping down, error 500): enough for a suspected incident. */
const REPORTS = [
  'Urgente: no puedo timbrar ninguna factura, sale error 500 en todas.',
  'Hola, el timbrado no funciona, nadie en la oficina puede facturar, marca error 500.',
  'Buenas, al timbrar marca error 500 y todo el equipo está detenido sin poder timbrar.',
  'Oigan, las facturas no se timbran, aparece error 500 y no se genera el folio fiscal.',
];

/** The key detection's runs lock, one run at a time across workers (IncidentsRepository). */
const DETECTION_LOCK = `SELECT pg_advisory_lock(hashtext('incident-detection'))`;

/** Tickets linked to an incident, by number. */
async function linkedTickets(stack: CustomerStack): Promise<string[]> {
  const rows = await stack.env.query<{ number: string }>(`SELECT t.number FROM incident_tickets l JOIN tickets t ON t.id = l.ticket_id ORDER BY t.number`);
  return rows.map((row) => row.number);
}

async function reportOutage(stack: CustomerStack, prefix: string): Promise<string[]> {
  const numbers: string[] = [];
  for (const [index, message] of REPORTS.entries()) {
    numbers.push((await stack.chat({ name: `Cliente ${index}`, email: customerAddress(`${prefix}${index}`), message })).ticketNumber);
  }
  return numbers.sort();
}

describe('outage detection when a worker stops: the reports it gathered are not lost (real processes)', () => {
  let stack: CustomerStack;

  beforeAll(async () => {
    // A gather far longer than the test: only the stopping worker's drain can run detection.
    stack = await CustomerStack.start('detection-drain', { INCIDENT_DETECTION_GATHER_MS: '600000' });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('should run detection on the reports a worker still holds when it is stopped, before it exits', async () => {
    const tickets = await reportOutage(stack, 'drain');
    await stack.intakeSettled();
    // Every customer is confirmed and every job ended, and the reports still wait in the gather.
    expect(await linkedTickets(stack)).toEqual([]);

    await stack.worker.stop();

    expect(await linkedTickets(stack)).toEqual(tickets);
    const [incident] = await stack.env.query<{ status: string }>(`SELECT status FROM incidents`);
    expect(incident?.status).toBe('suspected');
  });
});

describe('outage detection fallen behind: intake jobs wait for it, customers do not (real processes)', () => {
  let stack: CustomerStack;
  let jobs: QueueJobs;
  let lockHolder: pg.Client | undefined;

  beforeAll(async () => {
    // Two reports may wait for a run; with more, a job waits for its report's run before it ends.
    stack = await CustomerStack.start('detection-backlog', { INCIDENT_DETECTION_GATHER_MS: '50', INCIDENT_DETECTION_BACKLOG: '2' });
    jobs = new QueueJobs(() => stack.env.redisUrl, () => stack.env.queuePrefix);
  }, 120_000);

  afterEach(async () => {
    await lockHolder?.end();
  });

  afterAll(async () => {
    await jobs?.close();
    await stack?.stop();
  });

  it('should confirm every customer while detection is held up, keep the job beyond the backlog unfinished, and finish it once detection runs again', async () => {
    // Another worker's run in progress, as far as this worker can tell: detection waits for the lock.
    lockHolder = new pg.Client({ connectionString: stack.env.databaseUrl });
    await lockHolder.connect();
    await lockHolder.query(DETECTION_LOCK);

    // The first report's run starts and waits for the lock; the next three wait for a run, one more than the backlog.
    const tickets = await reportOutage(stack, 'backlog');
    await eventually(async () => (await jobs.unfinished('intake')) === 1, { what: 'one intake job left waiting for detection' });
    expect(await linkedTickets(stack)).toEqual([]);

    await lockHolder.end();
    lockHolder = undefined;

    await stack.intakeSettled();
    await eventually(async () => (await linkedTickets(stack)).length === tickets.length, { what: 'every report linked once detection ran' });
    expect(await linkedTickets(stack)).toEqual(tickets);
  });
});
