import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { BatchCollector } from './batch-collector.js';

/** A collector whose flush records each batch and answers every item doubled. */
function doubling(maxItems: number, maxWaitMs: number) {
  const batches: number[][] = [];
  const collector = new BatchCollector<number, number>({
    maxItems,
    maxWaitMs,
    flush: async (items) => {
      batches.push(items);
      return items.map((item) => item * 2);
    },
  });
  return { collector, batches };
}

/** One batch in flight at a time; the first one is held until `release` is called. */
function oneSlotHeldFirst(maxItems: number) {
  const batches: number[][] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const collector = new BatchCollector<number, number>({
    maxItems,
    maxWaitMs: 0,
    maxConcurrentFlushes: 1,
    flush: async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items;
    },
  });
  return { collector, batches, release };
}

describe('BatchCollector', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should answer each caller with its own result when calls share a batch', async () => {
    const { collector, batches } = doubling(10, 0);
    const results = await Promise.all([1, 2, 3].map((item) => collector.add(item)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('should flush at once when maxItems calls wait, without waiting for the timer', async () => {
    jest.useFakeTimers();
    const { collector, batches } = doubling(2, 60_000);
    const first = [collector.add(1), collector.add(2)];
    const third = collector.add(3);
    await expect(Promise.all(first)).resolves.toEqual([2, 4]);
    expect(batches).toEqual([[1, 2]]);
    expect(collector.pending).toBe(1);
    jest.advanceTimersByTime(60_000);
    await expect(third).resolves.toBe(6);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('should flush a lone call with no wait once the current I/O callbacks have run, without a timer', async () => {
    // Timers frozen: only an immediate can start the batch (a 0 ms timer would fire after 1 ms or more).
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { collector, batches } = doubling(100, 0);
    const result = collector.add(7);
    collector.add(8).catch(() => undefined);
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[7, 8]]);
    await expect(result).resolves.toBe(14);
  });

  it('should start what waits at once when drained, and end only after every batch, one that waited for a slot included', async () => {
    const { collector, batches, release } = oneSlotHeldFirst(10);
    const first = collector.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [collector.add(2), collector.add(3)];
    let drained = false;
    const draining = collector.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(drained).toBe(false);
    release();
    await draining;
    expect(batches).toEqual([[1], [2, 3]]);
    await expect(Promise.all([first, ...later])).resolves.toEqual([1, 2, 3]);
  });

  it('should not wait out maxWaitMs when drained', async () => {
    const { collector, batches } = doubling(100, 60_000);
    const results = [collector.add(1), collector.add(2)];
    await collector.drain();
    expect(batches).toEqual([[1, 2]]);
    await expect(Promise.all(results)).resolves.toEqual([2, 4]);
  });

  it('should hold a lone call until maxWaitMs has passed', async () => {
    jest.useFakeTimers();
    const { collector, batches } = doubling(100, 5);
    const result = collector.add(7);
    jest.advanceTimersByTime(4);
    expect(batches).toEqual([]);
    jest.advanceTimersByTime(1);
    await expect(result).resolves.toBe(14);
  });

  it('should fail only the item the flush answered with an error', async () => {
    const collector = new BatchCollector<string, string>({
      maxItems: 10,
      maxWaitMs: 0,
      flush: async (items) => items.map((item) => (item === 'bad' ? new Error(`refused ${item}`) : item.toUpperCase())),
    });
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map((item) => collector.add(item)));
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('refused bad') },
      { status: 'fulfilled', value: 'C' },
    ]);
  });

  it('should fail every caller of a batch when its flush rejects, and keep serving later calls', async () => {
    let down = true;
    const collector = new BatchCollector<number, number>({
      maxItems: 10,
      maxWaitMs: 0,
      flush: async (items) => {
        if (down) throw new Error('store down');
        return items;
      },
    });
    const settled = await Promise.allSettled([collector.add(1), collector.add(2)]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    down = false;
    await expect(collector.add(3)).resolves.toBe(3);
  });

  it('should fail the callers a flush left without an answer', async () => {
    const collector = new BatchCollector<number, number>({ maxItems: 10, maxWaitMs: 0, flush: async (items) => items.slice(0, 1) });
    const settled = await Promise.allSettled([collector.add(1), collector.add(2)]);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: new Error('the batch answered 1 of 2 items') });
  });

  it('should gather calls while the only batch allowed is in flight, and send them as one when it ends', async () => {
    const { collector, batches, release } = oneSlotHeldFirst(10);
    const first = collector.add(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [collector.add(2), collector.add(3), collector.add(4)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(batches).toEqual([[1]]);
    release();
    await expect(Promise.all([first, ...later])).resolves.toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('should answer every caller when more than a batch waited for a busy slot', async () => {
    const { collector, batches, release } = oneSlotHeldFirst(2);
    const first = collector.add(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [1, 2, 3, 4, 5].map((item) => collector.add(item));
    release();
    await expect(Promise.all([first, ...later])).resolves.toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches).toEqual([[0], [1, 2], [3, 4], [5]]);
  });

  describe('when a whole batch is refused', () => {
    /** A store that refuses any batch holding a negative number, as Postgres refuses a statement for one bad row. */
    const refusingNegatives = (splitWhen?: (error: unknown) => boolean) => {
      const batches: number[][] = [];
      const collector = new BatchCollector<number, number>({
        maxItems: 10,
        maxWaitMs: 0,
        ...(splitWhen ? { splitWhen } : {}),
        flush: async (items) => {
          batches.push(items);
          if (items.some((item) => item < 0)) throw new Error(items.length > 1 ? 'refused: a bad row' : `refused: ${items[0]}`);
          return items;
        },
      });
      return { collector, batches };
    };

    it('should write its items one by one when splitWhen accepts the error, so only the bad one fails', async () => {
      const { collector, batches } = refusingNegatives((error) => (error as Error).message.startsWith('refused'));
      const settled = await Promise.allSettled([1, -2, 3].map((item) => collector.add(item)));
      expect(settled).toEqual([
        { status: 'fulfilled', value: 1 },
        { status: 'rejected', reason: new Error('refused: -2') },
        { status: 'fulfilled', value: 3 },
      ]);
      expect(batches).toEqual([[1, -2, 3], [1], [-2], [3]]);
    });

    it('should fail every call of the batch when splitWhen does not accept the error, or is not given', async () => {
      for (const { collector, batches } of [refusingNegatives((error) => (error as Error).message === 'unreachable'), refusingNegatives()]) {
        const settled = await Promise.allSettled([1, -2].map((item) => collector.add(item)));
        expect(settled.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
        expect(batches).toEqual([[1, -2]]);
      }
    });
  });

  it('should refuse a batch size below one', () => {
    expect(() => doubling(0, 0)).toThrow('maxItems must be a positive integer');
  });
});
