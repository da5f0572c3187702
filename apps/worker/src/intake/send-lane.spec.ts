import { describe, expect, it } from '@jest/globals';
import { LaneClosedError, SendLane } from './send-lane.js';

/** A send that ends when told to, recording that it started. */
function heldSend(started: string[], name: string): { send: () => Promise<string>; end: () => void } {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return {
    send: async () => {
      started.push(name);
      await ended;
      return name;
    },
    end: () => end(),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SendLane', () => {
  it('should run at most its concurrency at once and start the waiting sends in order as earlier ones end', async () => {
    const lane = new SendLane(2, 5);
    const started: string[] = [];
    const sends = ['a', 'b', 'c', 'd'].map((name) => heldSend(started, name));
    const results = sends.map(({ send }) => lane.run(send));
    await turn();
    expect(started).toEqual(['a', 'b']);
    sends[1]!.end();
    await turn();
    expect(started).toEqual(['a', 'b', 'c']);
    sends[0]!.end();
    sends[2]!.end();
    sends[3]!.end();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('should hold no more places than it runs and lets wait, and have them back once given back', async () => {
    const lane = new SendLane(1, 2);
    const started: string[] = [];
    const running = heldSend(started, 'running');
    const done = lane.run(running.send);
    expect([lane.hold(), lane.hold(), lane.hold()]).toEqual([true, true, false]);
    lane.giveBack(1);
    expect(lane.hold()).toBe(true);
    running.end();
    await done;
    expect(lane.hold()).toBe(true);
  });

  it('should not start the sends still waiting once closed, and let the running one finish', async () => {
    const lane = new SendLane(1, 5);
    const started: string[] = [];
    const first = heldSend(started, 'first');
    const running = lane.run(first.send);
    const waiting = lane.run(heldSend(started, 'second').send);
    lane.close();
    await expect(waiting).rejects.toBeInstanceOf(LaneClosedError);
    first.end();
    await expect(running).resolves.toBe('first');
    expect(started).toEqual(['first']);
  });

  it('should take no place and start no send once closed', async () => {
    const lane = new SendLane(2, 2);
    lane.close();
    expect(lane.hold()).toBe(false);
    const started: string[] = [];
    await expect(lane.run(heldSend(started, 'late').send)).rejects.toBeInstanceOf(LaneClosedError);
    expect(started).toEqual([]);
  });
});
