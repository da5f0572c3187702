import { describe, expect, it } from '@jest/globals';
import type { ComponentStatus } from '@app/platform';
import { mailboxHealth } from './mailbox-health.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const secondsAgo = (seconds: number): string => new Date(NOW - seconds * 1_000).toISOString();
const worker = (mailbox: Record<string, unknown>): ComponentStatus => ({
  component: 'worker',
  instance: `host-${Math.random()}`,
  reportedAt: secondsAgo(1),
  details: { mailbox },
});

describe('mailboxHealth', () => {
  it('should say nothing when no worker reads the mailbox', () => {
    expect(mailboxHealth([worker({ enabled: false })], 60_000, NOW)).toBeUndefined();
    expect(mailboxHealth([], 60_000, NOW)).toBeUndefined();
  });

  it('should be ok when one reader is connected while another is not', () => {
    const health = mailboxHealth([worker({ enabled: true, connected: false, since: secondsAgo(600) }), worker({ enabled: true, connected: true, since: secondsAgo(5) })], 60_000, NOW);
    expect(health).toEqual({ ok: true, readers: 2, connected: 1 });
  });

  it('should still be ok when the only reader lost its connection less than the limit ago (a reconnect)', () => {
    expect(mailboxHealth([worker({ enabled: true, connected: false, since: secondsAgo(10) })], 60_000, NOW)).toMatchObject({ ok: true, downForMs: 10_000 });
  });

  it('should fail naming how long when every reader has been disconnected for longer than the limit', () => {
    const health = mailboxHealth([worker({ enabled: true, connected: false, since: secondsAgo(90) }), worker({ enabled: true, connected: false, since: secondsAgo(70) })], 60_000, NOW);
    expect(health).toEqual({ ok: false, readers: 2, connected: 0, downForMs: 70_000, error: 'no mailbox reader connected for 70000 ms' });
  });

  it('should fail when a disconnected reader does not say since when', () => {
    expect(mailboxHealth([worker({ enabled: true, connected: false })], 60_000, NOW)?.ok).toBe(false);
  });
});
