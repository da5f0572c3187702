import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../workflow/actor.js';
import { incidentDeniedReason } from './incident-permissions.js';

const agent = (tier: Actor['tier'], role: Actor['role'] = 'agent'): Actor => ({ id: 'a', name: 'A', tier, role });

describe('who handles an incident', () => {
  it('should let L1 and L2 confirm, link and speak, and L3 only follow', () => {
    for (const tier of ['L1', 'L2'] as const) {
      expect(incidentDeniedReason(agent(tier), 'manage')).toBeUndefined();
      expect(incidentDeniedReason(agent(tier), 'speak')).toBeUndefined();
    }
    expect(incidentDeniedReason(agent('L3'), 'view')).toBeUndefined();
    expect(incidentDeniedReason(agent('L3'), 'speak')).toMatch(/L3 los sigue/);
  });

  it('should leave counting an incident as downtime to administrators', () => {
    expect(incidentDeniedReason(agent('L1'), 'count_downtime')).toMatch(/Solo un administrador/);
    expect(incidentDeniedReason(agent('L3', 'admin'), 'count_downtime')).toBeUndefined();
  });
});
