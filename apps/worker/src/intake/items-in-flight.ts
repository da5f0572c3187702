interface Claim {
  recorded: Promise<void>;
  markRecorded: () => void;
}

/**
 * The inbound items this worker process is recording now, each with a promise that settles once it
 * is recorded (or its group gave up on it). A later message of the same conversation, which must go
 * after it, waits for that instead of recording it a second time in a transaction of its own: one of
 * the two would be rolled back.
 */
export class ItemsInFlight {
  private readonly claims = new Map<string, Claim>();

  /** Claims the ids no group of this process holds yet; answers those it claimed (an item in two jobs at once stays the first's). */
  claim(ids: readonly string[]): Map<string, Claim> {
    const claimed = new Map<string, Claim>();
    for (const id of ids) {
      if (this.claims.has(id) || claimed.has(id)) continue;
      let markRecorded!: () => void;
      const claim = { recorded: new Promise<void>((resolve) => (markRecorded = resolve)), markRecorded };
      this.claims.set(id, claim);
      claimed.set(id, claim);
    }
    return claimed;
  }

  /** Settles once another group of this process has recorded `id`; undefined when none holds it. */
  recordedElsewhere(id: string): Promise<void> | undefined {
    return this.claims.get(id)?.recorded;
  }

  /** `id` is recorded (by whichever group): whoever waits for it goes on. */
  markRecorded(id: string): void {
    this.claims.get(id)?.markRecorded();
  }

  /** The group that claimed `id` is done with it, recorded or not. */
  release(id: string, claim: Claim): void {
    claim.markRecorded();
    if (this.claims.get(id) === claim) this.claims.delete(id);
  }
}
