import { describe, expect, it } from '@jest/globals';
import { ItemsInFlight } from './items-in-flight.js';

const settledYet = async (promise: Promise<void> | undefined): Promise<boolean> => {
  let settled = false;
  void promise?.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
};

describe('ItemsInFlight', () => {
  it('should let another group wait for an item until it is recorded, and forget it once its group releases it', async () => {
    const inFlight = new ItemsInFlight();
    const claimed = inFlight.claim(['a', 'b']);
    const waiting = inFlight.recordedElsewhere('a');
    expect(await settledYet(waiting)).toBe(false);
    inFlight.markRecorded('a');
    expect(await settledYet(waiting)).toBe(true);
    inFlight.release('a', claimed.get('a')!);
    expect(inFlight.recordedElsewhere('a')).toBeUndefined();
    expect(inFlight.recordedElsewhere('c')).toBeUndefined();
  });

  it('should keep an item with the group that claimed it first, and not let another group release that claim', async () => {
    const inFlight = new ItemsInFlight();
    const first = inFlight.claim(['a']);
    const second = inFlight.claim(['a', 'b']);
    expect([...second.keys()]).toEqual(['b']);
    const waiting = inFlight.recordedElsewhere('a');
    // A later group that took the same item again (a job run twice) gives up on it: the first still holds it.
    inFlight.release('b', second.get('b')!);
    expect(inFlight.recordedElsewhere('a')).toBe(waiting);
    inFlight.release('a', first.get('a')!);
    expect(await settledYet(waiting)).toBe(true);
    expect(inFlight.recordedElsewhere('a')).toBeUndefined();
  });
});
