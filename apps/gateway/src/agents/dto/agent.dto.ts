import { AGENT_ROLES, TIERS, type AgentRole, type Tier } from '@app/tickets';
import { FIELD_MAX } from '../../http/field-limits.js';
import { OneOf, OptionalBoolean, OptionalText, RequiredText } from '../../http/dto-fields.js';

/** POST /api/agents (administrators). */
export class CreateAgentDto {
  @RequiredText(FIELD_MAX.name)
  name!: string;

  @RequiredText(FIELD_MAX.email)
  email!: string;

  @RequiredText(FIELD_MAX.password, 'At least 10 characters, and not one that guessing lists try first (a common password, a run like 1234567890, the agent’s own email).')
  password!: string;

  @OneOf(TIERS, { description: 'Default L1.' })
  tier?: Tier;

  @OneOf(AGENT_ROLES, { description: 'Default agent.' })
  role?: AgentRole;
}

/** PATCH /api/agents/:id (administrators): a new password or `active: false` ends the agent's sessions. */
export class UpdateAgentDto {
  @OptionalText(FIELD_MAX.name)
  name?: string;

  @OptionalText(FIELD_MAX.password)
  password?: string;

  @OneOf(TIERS)
  tier?: Tier;

  @OneOf(AGENT_ROLES)
  role?: AgentRole;

  @OptionalBoolean()
  active?: boolean;
}
