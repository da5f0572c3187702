import { BadRequestException, Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { AGENT_ROLES, AgentsService, TIERS, type Actor, type AgentEntity, type AgentPatch } from '@app/tickets';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { optionalBoolean, optionalString, requiredText } from '../http/body-fields.js';
import { FIELD_MAX } from '../http/field-limits.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { AgentsGateway } from '../inbox/agents.gateway.js';

const present = (agent: AgentEntity) => ({
  id: agent.id,
  name: agent.name,
  email: agent.email,
  tier: agent.tier,
  role: agent.role,
  active: agent.active,
  createdAt: agent.createdAt,
});

/** Agent accounts. Every agent can list colleagues (to assign tickets); only administrators manage them. */
@Controller('api/agents')
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly agentSockets: AgentsGateway,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor) {
    const agents = await this.agents.list();
    return { items: agents.filter((agent) => agent.active || actor.role === 'admin').map(present) };
  }

  @AdminOnly()
  @Post()
  async create(@Body() body: unknown) {
    const fields = (body ?? {}) as Record<string, unknown>;
    const agent = await this.agents.create({
      name: requiredText('name', fields.name, FIELD_MAX.name),
      email: requiredText('email', fields.email, FIELD_MAX.email),
      password: requiredText('password', fields.password, FIELD_MAX.password),
      tier: oneOf('tier', fields.tier, TIERS) ?? 'L1',
      role: oneOf('role', fields.role, AGENT_ROLES) ?? 'agent',
    });
    return present(agent);
  }

  @AdminOnly()
  @Patch(':id')
  async update(@Param('id', UuidPipe) id: string, @Body() body: unknown) {
    const fields = (body ?? {}) as Record<string, unknown>;
    const patch: AgentPatch = {
      name: optionalString('name', fields.name, FIELD_MAX.name),
      password: optionalString('password', fields.password, FIELD_MAX.password),
      tier: oneOf('tier', fields.tier, TIERS),
      role: oneOf('role', fields.role, AGENT_ROLES),
      active: optionalBoolean('active', fields.active),
    };
    const updated = await this.agents.update(id, patch);
    // Rooms follow tier and role, and a new password or deactivation ends the sessions: reconnect.
    if (patch.tier !== undefined || patch.role !== undefined || patch.active !== undefined || patch.password !== undefined) {
      this.agentSockets.disconnectAgent(id);
    }
    return present(updated);
  }
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new BadRequestException(`${name} must be one of ${allowed.join(', ')}`);
}
