import { describe, expect, it, jest } from '@jest/globals';
import { CachedRead } from './cached-read.js';

describe('CachedRead', () => {
  const counting = (values: Array<number | Error>) => {
    let reads = 0;
    return {
      reads: () => reads,
      read: () => {
        const value = values[Math.min(reads, values.length - 1)]!;
        reads += 1;
        return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
      },
    };
  };

  it('should give callers that find the value stale at the same moment one read between them', async () => {
    const source = counting([1]);
    const cached = new CachedRead(1_000, source.read);
    expect(await Promise.all([cached.get(), cached.get(), cached.get()])).toEqual([1, 1, 1]);
    expect(source.reads()).toBe(1);
  });

  it('should read again once the value is older than its maximum age, or when told to forget it', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const source = counting([1, 2, 3]);
      const cached = new CachedRead(1_000, source.read);
      expect(await cached.get()).toBe(1);
      jest.setSystemTime(999);
      expect(await cached.get()).toBe(1);
      jest.setSystemTime(1_000);
      expect(await cached.get()).toBe(2);
      cached.invalidate();
      expect(await cached.get()).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('should not keep a failed read: the callers of that moment see the failure, the next caller reads again', async () => {
    const source = counting([new Error('postgres gone'), 7]);
    const cached = new CachedRead(60_000, source.read);
    const failed = await Promise.allSettled([cached.get(), cached.get()]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await cached.get()).toBe(7);
    expect(source.reads()).toBe(2);
  });
});
