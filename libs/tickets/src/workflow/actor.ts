import type { AgentRole, Tier } from '../domain.js';

/** The agent doing something, as the workflow rules see them. */
export interface Actor {
  id: string;
  name: string;
  tier: Tier;
  role: AgentRole;
}
