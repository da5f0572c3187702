import { Queue } from 'bullmq';

/** Counts a running system's unfinished jobs from outside, as an operator's dashboard would. */
export class QueueJobs {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly redisUrl: () => string,
    private readonly prefix: () => string,
  ) {}

  /** Jobs not finished in a queue (waiting, active, delayed for a retry). */
  async unfinished(name: 'intake' | 'outbound'): Promise<number> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: { url: this.redisUrl(), enableOfflineQueue: false, maxRetriesPerRequest: 1 }, prefix: this.prefix() });
      // A Redis the test stopped on purpose: the count's own call fails, which is what the test sees.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    this.queues.clear();
  }
}
