/** A send that was waiting for its turn in a lane that closed: it was never started. */
export class LaneClosedError extends Error {
  constructor() {
    super('the process is shutting down: the send was not started');
  }
}

/**
 * The sends this process makes itself on one channel: at most `concurrency` at once, up to
 * `backlog` more waiting their turn in order. Places are held ahead for what a transaction about to
 * commit will hand over (`hold`), so the lane never takes more than it has room for.
 */
export class SendLane {
  private running = 0;
  private held = 0;
  private closed = false;
  private readonly waiting: Array<{ start: () => void; abandon: () => void }> = [];

  constructor(
    private readonly concurrency: number,
    private readonly backlog: number,
  ) {}

  /** Whether a send could have a place now (to run, or to wait its turn). */
  get hasRoom(): boolean {
    return !this.closed && this.running + this.waiting.length + this.held < this.concurrency + this.backlog;
  }

  /** Takes a place for a send to come, if the lane has one. */
  hold(): boolean {
    if (!this.hasRoom) return false;
    this.held += 1;
    return true;
  }

  /** Gives back places held: the sends came (`run` follows) or will not. */
  giveBack(places: number): void {
    this.held = Math.max(0, this.held - places);
  }

  /** Runs `send` once one of the lane's places to send is free; rejects with `LaneClosedError` if the lane closes first. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    if (this.closed) throw new LaneClosedError();
    if (this.running < this.concurrency && this.waiting.length === 0) this.running += 1;
    // The send that ends hands its place over (`running` stays): no other caller takes it in between.
    else await new Promise<void>((start, abandon) => this.waiting.push({ start, abandon: () => abandon(new LaneClosedError()) }));
    try {
      return await send();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start();
      else this.running -= 1;
    }
  }

  /** No send starts from now on: those still waiting, and any asked for later, reject with `LaneClosedError`; those running go on. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.abandon();
  }
}
