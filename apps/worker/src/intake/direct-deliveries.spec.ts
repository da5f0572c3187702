import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Channel } from '@app/channels';
import type { CoreConfig, DeliveryToSend, OutboundService, QueueProducer } from '@app/tickets';
import type { WorkerConfig } from '../config/worker-config.js';
import type { ChannelSenders } from '../processors/channel-senders.js';
import { DirectDeliveries } from './direct-deliveries.js';

const LEASE_MS = 120_000;

/** Sends that never end until told to, and what was queued: the places a send holds are what is tested. */
class Recorder {
  readonly sentBegun: string[] = [];
  readonly delivered: string[] = [];
  readonly queued: Array<{ id: string; delayMs?: number }> = [];
  private readonly ends = new Map<string, () => void>();

  /** Begun deliveries handed back; while `databaseDown`, giving their leases up fails. */
  readonly givenUp: string[] = [];
  databaseDown = false;

  readonly outbound = {
    sendBegun: (toSend: DeliveryToSend) => this.hold(this.sentBegun, toSend.delivery.id, 'sent'),
    deliver: (deliveryId: string) => this.hold(this.delivered, deliveryId, 'sent'),
    giveUpUnattempted: (ids: string[]) => {
      if (this.databaseDown) return Promise.reject(new Error('connection refused'));
      this.givenUp.push(...ids);
      return Promise.resolve(ids);
    },
  } as unknown as OutboundService;

  readonly producer = {
    enqueueDeliveries: (ids: string[], options: { delayMs?: number } = {}) => {
      this.queued.push(...ids.map((id) => ({ id, ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }) })));
      return Promise.resolve(ids.length);
    },
  } as unknown as QueueProducer;

  end(...ids: string[]): void {
    for (const id of ids) this.ends.get(id)?.();
  }

  endAll(): void {
    this.end(...this.ends.keys());
  }

  get queuedIds(): string[] {
    return this.queued.map((entry) => entry.id);
  }

  private hold<T>(log: string[], id: string, result: T): Promise<T> {
    log.push(id);
    return new Promise((resolve) => this.ends.set(id, () => resolve(result)));
  }
}

/** A delivery an intake wrote begun on `channel`, its lease taken `ageMs` ago. */
const begun = (id: string, channel: Channel, ageMs = 0) => ({ delivery: { id, channel, sendingUntil: new Date(Date.now() - ageMs + LEASE_MS) } }) as unknown as DeliveryToSend;

function directDeliveries(recorder: Recorder, outboundConcurrency: number): DirectDeliveries {
  const config = { roles: new Set(['outbound']), outboundConcurrency, jobLockMs: 30_000 } as unknown as WorkerConfig;
  const core = { sendLeaseMs: LEASE_MS } as unknown as CoreConfig;
  return new DirectDeliveries(config, core, recorder.outbound, { senderFor: () => undefined } as unknown as ChannelSenders, recorder.producer);
}

/** What an intake of `ids` on `channel` does: takes a place for each and hands over those it got. */
async function intake(direct: DirectDeliveries, channel: Channel, ids: string[], ageMs = 0): Promise<string[]> {
  const places = direct.hold();
  const written = ids.filter(() => places.take(channel));
  await direct.start(ids, written.map((id) => begun(id, channel, ageMs)), places);
  return written;
}

/** A few turns of the event loop: hand-overs are gathered for one turn, then given up and queued. */
async function turn(): Promise<void> {
  for (let turns = 0; turns < 4; turns += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('DirectDeliveries', () => {
  it('should send what an intake wrote begun beyond the sends running at once: the rest wait their turn here instead of being queued', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 2);
    expect(await intake(direct, 'chat', ['a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd']);
    await turn();
    expect(recorder.sentBegun).toEqual(['a', 'b']);
    expect(recorder.queued).toEqual([]);
    recorder.end('a', 'b');
    await turn();
    expect(recorder.sentBegun).toEqual(['a', 'b', 'c', 'd']);
    recorder.endAll();
  });

  it('should keep each channel in its own lane: mail sends that do not end hold up no chat confirmation', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 1);
    await intake(direct, 'email', ['mail-1', 'mail-2']);
    await intake(direct, 'chat', ['chat-1']);
    await turn();
    expect(recorder.sentBegun).toEqual(['mail-1', 'chat-1']);
    recorder.endAll();
  });

  it('should write pending and queue what finds a channel full, the rest of that intake included', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 1);
    const ids = Array.from({ length: 300 }, (_, index) => `sms-${index}`);
    const written = await intake(direct, 'phone', ids);
    // One running and 256 waiting; the rest were not written begun, and are queued.
    expect(written).toHaveLength(257);
    await turn();
    expect(recorder.queuedIds).toEqual(ids.slice(257));
    expect(recorder.delivered).toEqual([]);
    recorder.endAll();
  });

  it('should give every place back once the sends have ended, and all of them when the intake rolled back', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 1);
    const ids = (prefix: string) => Array.from({ length: 257 }, (_, index) => `${prefix}-${index}`);
    expect(await intake(direct, 'email', ids('first'))).toHaveLength(257);
    for (let sent = 0; sent < 257; sent += 1) {
      await turn();
      recorder.endAll();
    }
    await turn();
    expect(recorder.sentBegun).toHaveLength(257);

    const rolledBack = direct.hold();
    expect(ids('rolled-back').filter(() => rolledBack.take('email'))).toHaveLength(257);
    expect(rolledBack.take('email')).toBe(false);
    direct.release(rolledBack);
    expect(await intake(direct, 'email', ids('second'))).toHaveLength(257);
    expect(recorder.queued).toEqual([]);
    recorder.endAll();
  });

  describe('with the clock moving', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    /** Two mails, one at a time: the first takes 70 s (a mail server near its timeouts), so the second's lease has 50 s left when its turn comes. */
    async function secondWaitsPastHalfItsLease(recorder: Recorder): Promise<void> {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'nextTick', 'queueMicrotask', 'performance', 'hrtime'] });
      const direct = directDeliveries(recorder, 1);
      await intake(direct, 'email', ['running', 'waiting']);
      await turn();
      expect(recorder.sentBegun).toEqual(['running']);
      jest.setSystemTime(Date.now() + 70_000);
      recorder.end('running');
      await turn();
      expect(recorder.sentBegun).toEqual(['running']);
    }

    it('should not start a send that waited until less than half its lease is left, but give its lease up and queue it', async () => {
      const recorder = new Recorder();
      await secondWaitsPastHalfItsLease(recorder);
      expect(recorder.givenUp).toEqual(['waiting']);
      expect(recorder.queued).toEqual([{ id: 'waiting' }]);
    });

    it('should queue a send it hands back for when its lease runs out when the lease cannot be given up', async () => {
      const recorder = new Recorder();
      recorder.databaseDown = true;
      await secondWaitsPastHalfItsLease(recorder);
      expect(recorder.queuedIds).toEqual(['waiting']);
      expect(recorder.queued[0]!.delayMs).toBeGreaterThan(45_000);
      expect(recorder.queued[0]!.delayMs).toBeLessThanOrEqual(50_000);
    });
  });

  it('should hand back the sends still waiting when the process stops, to be sent at once elsewhere, and wait for the one running', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 1);
    await intake(direct, 'email', ['running', 'waiting']);
    await turn();
    const stopped = direct.onApplicationShutdown();
    await turn();
    expect(recorder.givenUp).toEqual(['waiting']);
    expect(recorder.queued).toEqual([{ id: 'waiting' }]);
    let done = false;
    void stopped.then(() => (done = true));
    await turn();
    expect(done).toBe(false);
    recorder.end('running');
    await stopped;
    expect(recorder.sentBegun).toEqual(['running']);

    // An intake that commits after the stop (its job not given up) sends nothing itself.
    expect(await intake(direct, 'chat', ['late'])).toEqual([]);
    expect(recorder.queuedIds).toEqual(['waiting', 'late']);
    expect(recorder.delivered).toEqual([]);
  });

  it('should send nothing itself in a process without the outbound role', async () => {
    const recorder = new Recorder();
    const config = { roles: new Set(['intake']), outboundConcurrency: 4, jobLockMs: 30_000 } as unknown as WorkerConfig;
    const direct = new DirectDeliveries(config, { sendLeaseMs: LEASE_MS } as CoreConfig, recorder.outbound, {} as ChannelSenders, recorder.producer);
    expect(await intake(direct, 'chat', ['x'])).toEqual([]);
    expect(recorder.queuedIds).toEqual(['x']);
  });
});
