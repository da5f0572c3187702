import { describe, expect, it } from '@jest/globals';
import { RedisErrorLog } from './redis-error-log.js';

describe('RedisErrorLog', () => {
  it('should say each source’s error once, then again only after the quiet period, as still failing', async () => {
    const lines: string[] = [];
    const log = new RedisErrorLog({ warn: (line: string) => void lines.push(line) }, 50);
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6999');
    for (let retry = 0; retry < 20; retry += 1) {
      log.warn('intake queue', refused);
      log.warn('outbound queue', refused);
    }
    expect(lines).toEqual(['intake queue: connect ECONNREFUSED 127.0.0.1:6999', 'outbound queue: connect ECONNREFUSED 127.0.0.1:6999']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    log.warn('intake queue', refused);
    expect(lines.at(-1)).toBe('intake queue: connect ECONNREFUSED 127.0.0.1:6999 (still failing)');
  });
});
