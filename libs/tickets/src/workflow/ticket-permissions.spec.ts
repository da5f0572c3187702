import { describe, expect, it } from '@jest/globals';
import type { Tier } from '../domain.js';
import type { Actor } from './actor.js';
import { deniedReason, tiersVisibleTo, type TicketAction } from './ticket-permissions.js';

const agent = (tier: Tier, role: Actor['role'] = 'agent'): Actor => ({ id: `${tier}-${role}`, name: tier, tier, role });
const allowed = (actor: Actor, action: TicketAction, tier: Tier, status: 'open' | 'pending_release' = 'open') =>
  deniedReason(actor, action, { tier, status }) === undefined;

describe('tiersVisibleTo', () => {
  it('should show L1 and administrators every ticket, L2 its own and L3’s, L3 only its own', () => {
    expect(tiersVisibleTo(agent('L1'))).toEqual(['L1', 'L2', 'L3']);
    expect(tiersVisibleTo(agent('L3', 'admin'))).toEqual(['L1', 'L2', 'L3']);
    expect(tiersVisibleTo(agent('L2'))).toEqual(['L2', 'L3']);
    expect(tiersVisibleTo(agent('L3'))).toEqual(['L3']);
  });
});

describe('deniedReason', () => {
  it.each<[Tier, TicketAction, Tier, boolean]>([
    // L1 Help Desk: formal contact for every ticket, escalates its own, resolves its own.
    ['L1', 'reply', 'L1', true],
    ['L1', 'reply', 'L3', true],
    ['L1', 'escalate', 'L1', true],
    ['L1', 'escalate', 'L2', false],
    ['L1', 'send_back', 'L2', false],
    ['L1', 'resolve', 'L1', true],
    ['L1', 'resolve', 'L2', false],
    ['L1', 'change_severity', 'L1', true],
    ['L1', 'mark_fix_ready', 'L3', false],
    ['L1', 'release', 'L2', false],
    ['L1', 'reopen', 'L1', true],
    ['L1', 'merge', 'L1', true],
    // L2 Operations: works what reaches it, escalates to L3, releases fixes.
    ['L2', 'view', 'L1', false],
    ['L2', 'view', 'L3', true],
    ['L2', 'reply', 'L2', true],
    ['L2', 'reply', 'L3', false],
    ['L2', 'escalate', 'L2', true],
    ['L2', 'send_back', 'L2', true],
    ['L2', 'send_back', 'L3', false],
    ['L2', 'resolve', 'L2', true],
    ['L2', 'release', 'L2', true],
    ['L2', 'reopen', 'L2', false],
    // L3 Development: notes and contact while it holds the ticket, fix ready; never resolves.
    ['L3', 'view', 'L2', false],
    ['L3', 'note', 'L3', true],
    ['L3', 'reply', 'L3', true],
    ['L3', 'escalate', 'L3', true],
    ['L3', 'mark_fix_ready', 'L3', true],
    ['L3', 'send_back', 'L3', true],
    ['L3', 'resolve', 'L3', false],
    ['L3', 'change_severity', 'L3', false],
  ])('should decide that %s may %s a ticket at %s: %s', (tier, action, ticketTier, expected) => {
    expect(allowed(agent(tier), action, ticketTier)).toBe(expected);
  });

  it('should let an administrator do anything whatever their tier', () => {
    for (const action of ['reply', 'escalate', 'mark_fix_ready', 'release', 'resolve', 'merge'] as const) {
      expect(allowed(agent('L3', 'admin'), action, 'L1')).toBe(true);
    }
  });

  it('should explain a refusal in words', () => {
    expect(deniedReason(agent('L3'), 'resolve', { tier: 'L3', status: 'open' })).toBe('Solo L1 o L2 resuelve este ticket ahora.');
  });
});
