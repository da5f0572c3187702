import { AGENT_ROLES, TIERS, type AgentJson, type AgentRole, type ItemsJson, type MeJson, type Tier } from '@app/tickets';
import { Bool, Enum, Nested, Text, Time } from '../../openapi/response-fields.js';

/** An agent as a ticket names them (its assignee). */
export class AgentRefResponse {
  @Text()
  id!: string;

  @Text()
  name!: string;

  @Enum(TIERS)
  tier!: Tier;
}

export class MeResponse extends AgentRefResponse implements MeJson {
  @Enum(AGENT_ROLES)
  role!: AgentRole;
}

export class AgentResponse extends MeResponse implements AgentJson {
  @Text()
  email!: string;

  @Bool({ description: 'A deactivated agent cannot sign in (only administrators see them listed).' })
  active!: boolean;

  @Time()
  createdAt!: string;
}

export class AgentListResponse implements ItemsJson<AgentJson> {
  @Nested(() => AgentResponse, { isArray: true })
  items!: AgentResponse[];
}
