export interface BatchCollectorOptions<I, O> {
  /** Flush as soon as this many calls wait. */
  maxItems: number;
  /**
   * Flush this long after the first waiting call, however few wait. 0: once the callbacks of the
   * current turn of the event loop have run (`setImmediate`), so calls made by the same burst of I/O
   * share a batch without a timer's extra millisecond (a 0 ms timer fires after at least 1 ms).
   */
  maxWaitMs: number;
  /**
   * Batches in flight at once (default: no limit). While all are busy, calls gather for the next
   * one, which starts as soon as one ends: the busier the store, the bigger the batches.
   */
  maxConcurrentFlushes?: number;
  /**
   * Handles a batch: resolves with one result per item, in order, or with an `Error` in an item's
   * place for an item that failed on its own. A rejection fails every call of the batch.
   */
  flush: (items: I[]) => Promise<Array<O | Error>>;
  /**
   * When a batch's flush rejects with an error this accepts (one item's data refused), its items are
   * flushed again one at a time, so only the item at fault fails; without it, every call fails.
   */
  splitWhen?: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers concurrent calls into batches, so that many callers share one round trip (one multi-row
 * INSERT, one pipeline) instead of each paying its own. Each caller still gets its own answer: its
 * promise settles only when its batch did, with its own result or error.
 */
export class BatchCollector<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;
  /** Batches in flight. */
  private readonly running = new Set<Promise<void>>();
  /** A flush was due while every slot was busy. */
  private deferred = false;
  private readonly maxConcurrentFlushes: number;

  constructor(private readonly options: BatchCollectorOptions<I, O>) {
    if (!Number.isInteger(options.maxItems) || options.maxItems < 1) throw new RangeError('maxItems must be a positive integer');
    if (!(options.maxWaitMs >= 0)) throw new RangeError('maxWaitMs must be zero or more');
    this.maxConcurrentFlushes = options.maxConcurrentFlushes ?? Number.POSITIVE_INFINITY;
    if (!(this.maxConcurrentFlushes >= 1)) throw new RangeError('maxConcurrentFlushes must be one or more');
  }

  /** Queues `item` for the next batch; settles with its own result. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxItems) this.flushNow();
      else if (this.options.maxWaitMs === 0) this.immediate ??= setImmediate(() => this.flushNow());
      else this.timer ??= setTimeout(() => this.flushNow(), this.options.maxWaitMs);
    });
  }

  /** Calls waiting for their batch. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Starts what waits without waiting longer, and resolves once every batch begun, and every one that had to wait for a slot, has ended. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.running.size > 0) {
      this.flushNow();
      await Promise.all(this.running);
    }
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    while (this.waiting.length > 0) {
      if (this.running.size >= this.maxConcurrentFlushes) {
        // At the limit: the batch in flight that ends first starts the next.
        this.deferred = true;
        return;
      }
      const batch = this.waiting.splice(0, this.options.maxItems);
      const running: Promise<void> = this.run(batch).finally(() => {
        this.running.delete(running);
        if (!this.deferred) return;
        this.deferred = false;
        this.flushNow();
      });
      this.running.add(running);
    }
  }

  private async run(batch: Array<Waiting<I, O>>): Promise<void> {
    let results: Array<O | Error>;
    try {
      results = await this.options.flush(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length > 1 && this.options.splitWhen?.(error)) {
        for (const waiting of batch) await this.run([waiting]);
        return;
      }
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      if (index >= results.length) waiting.reject(new Error(`the batch answered ${results.length} of ${batch.length} items`));
      else if (results[index] instanceof Error) waiting.reject(results[index]);
      else waiting.resolve(results[index] as O);
    });
  }
}
