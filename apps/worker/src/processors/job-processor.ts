import type { Job } from 'bullmq';

/** The handler of one queue's jobs. */
export interface JobProcessor<T> {
  process(job: Job<T>): Promise<string>;
  /** Called after every failed attempt; `finalAttempt` when BullMQ will not try again. */
  failed?(job: Job<T>, error: Error, finalAttempt: boolean): Promise<void>;
}
