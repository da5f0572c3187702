/**
 * A value read again at most every `maxAgeMs`. Callers that find it stale at the same moment share
 * one read (under load, a cache that expires is otherwise read by every caller of that moment), and
 * a read that failed is not kept: the next caller tries again.
 */
export class CachedRead<T> {
  private cached?: { readAt: number; value: Promise<T> };

  constructor(
    private readonly maxAgeMs: number,
    private readonly read: () => Promise<T>,
  ) {}

  get(): Promise<T> {
    if (this.cached && Date.now() - this.cached.readAt < this.maxAgeMs) return this.cached.value;
    const cached = { readAt: Date.now(), value: this.read() };
    this.cached = cached;
    cached.value.catch(() => {
      if (this.cached === cached) this.cached = undefined;
    });
    return cached.value;
  }

  /** Forget what was read (this process just changed it). */
  invalidate(): void {
    this.cached = undefined;
  }
}
