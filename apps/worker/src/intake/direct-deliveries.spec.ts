import { describe, expect, it } from '@jest/globals';
import type { DeliveryToSend, OutboundService, QueueProducer } from '@app/tickets';
import type { WorkerConfig } from '../config/worker-config.js';
import type { ChannelSenders } from '../processors/channel-senders.js';
import { DirectDeliveries } from './direct-deliveries.js';

/** Sends that never end until told to, and what was queued: the places a send holds are what is tested. */
class Recorder {
  readonly sentBegun: string[] = [];
  readonly delivered: string[] = [];
  readonly queued: string[] = [];
  private readonly ends: Array<() => void> = [];

  readonly outbound = {
    sendBegun: (toSend: DeliveryToSend) => this.hold(this.sentBegun, toSend.delivery.id, 'sent'),
    deliver: (deliveryId: string) => this.hold(this.delivered, deliveryId, 'sent'),
  } as unknown as OutboundService;

  readonly producer = {
    enqueueDeliveries: (ids: string[]) => {
      this.queued.push(...ids);
      return Promise.resolve();
    },
  } as unknown as QueueProducer;

  endAll(): void {
    for (const end of this.ends.splice(0)) end();
  }

  private hold<T>(log: string[], id: string, result: T): Promise<T> {
    log.push(id);
    return new Promise((resolve) => this.ends.push(() => resolve(result)));
  }
}

const begun = (id: string) => ({ delivery: { id } }) as unknown as DeliveryToSend;

function directDeliveries(recorder: Recorder, outboundConcurrency: number): DirectDeliveries {
  const config = { roles: new Set(['outbound']), outboundConcurrency, jobLockMs: 30_000, sweepGraceMs: 60_000 } as unknown as WorkerConfig;
  return new DirectDeliveries(config, recorder.outbound, { senderFor: () => undefined } as unknown as ChannelSenders, recorder.producer);
}

describe('DirectDeliveries', () => {
  it('should hold places for an intake about to commit, so sends started meanwhile leave them free', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 3);
    expect(direct.reserve(2)).toBe(2);
    await direct.start(['a', 'b']);
    expect(recorder.delivered).toEqual(['a']);
    expect(recorder.queued).toEqual(['b']);
    await direct.start(['c', 'd'], [begun('c'), begun('d')], 2);
    expect(recorder.sentBegun).toEqual(['c', 'd']);
    recorder.endAll();
  });

  it('should give back the places an intake held and did not use, and those of one that rolled back', async () => {
    const recorder = new Recorder();
    const direct = directDeliveries(recorder, 2);
    expect(direct.reserve(5)).toBe(2);
    expect(direct.reserve(1)).toBe(0);
    await direct.start(['e'], [begun('e')], 2);
    expect(direct.reserve(2)).toBe(1);
    direct.release(1);
    await direct.start(['f', 'g']);
    expect(recorder.delivered).toEqual(['f']);
    expect(recorder.queued).toEqual(['g']);
    recorder.endAll();
    await new Promise((resolve) => setImmediate(resolve));
    expect(direct.reserve(2)).toBe(2);
  });
});
