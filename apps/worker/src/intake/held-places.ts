import type { Channel } from '@app/channels';
import type { SendPlaces } from '@app/tickets';
import type { SendLane } from './send-lane.js';

/**
 * The places one intake transaction holds in this process's send lanes, by channel: taken as it
 * writes deliveries begun, used by the sends its commit hands over, given back if it rolls back.
 */
export class HeldPlaces implements SendPlaces {
  private readonly taken = new Map<Channel, number>();
  /** Whether a lane had no place for one of this transaction's sends: this process is sending all it can. */
  refused = false;

  constructor(private readonly laneOf: (channel: Channel) => SendLane | undefined) {}

  take(channel: Channel): boolean {
    if (!this.laneOf(channel)?.hold()) {
      this.refused = true;
      return false;
    }
    this.taken.set(channel, (this.taken.get(channel) ?? 0) + 1);
    return true;
  }

  /** A place of `channel` goes to the send now handed over, which the lane counts from here on. */
  use(channel: Channel): void {
    const taken = this.taken.get(channel) ?? 0;
    if (taken === 0) return;
    this.taken.set(channel, taken - 1);
    this.laneOf(channel)?.giveBack(1);
  }

  /** Every place not used goes back to its lane. */
  giveBackAll(): void {
    for (const [channel, taken] of this.taken) this.laneOf(channel)?.giveBack(taken);
    this.taken.clear();
  }
}
