import type { Logger } from '@nestjs/common';

/** While an error lasts, it is said once and then at most this often, per source. */
const REPEAT_AFTER_MS = 60_000;
/** Distinct errors remembered; beyond, the memory starts again (a few sources, a few messages each). */
const MAX_REMEMBERED = 100;

/**
 * Redis clients report every failed reconnect (several a second while Redis is down, for each
 * queue, worker and pub/sub connection): the log says each source's error once, then "still
 * failing" once a minute, instead of hundreds of lines that bury what else happened.
 */
export class RedisErrorLog {
  private readonly saidAt = new Map<string, number>();

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly repeatAfterMs = REPEAT_AFTER_MS,
  ) {}

  warn(source: string, error: Error): void {
    const key = `${source}\n${error.message}`;
    const now = Date.now();
    const said = this.saidAt.get(key);
    if (said !== undefined && now - said < this.repeatAfterMs) return;
    if (this.saidAt.size >= MAX_REMEMBERED) this.saidAt.clear();
    this.saidAt.set(key, now);
    this.logger.warn(`${source}: ${error.message}${said === undefined ? '' : ' (still failing)'}`);
  }
}
