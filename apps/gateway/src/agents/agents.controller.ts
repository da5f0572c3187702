import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { AgentsService, type Actor, type AgentEntity, type AgentJson, type AgentPatch, type ItemsJson } from '@app/tickets';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { AgentsGateway } from '../inbox/agents.gateway.js';
import { CreateAgentDto, UpdateAgentDto } from './dto/agent.dto.js';
import { AgentListResponse, AgentResponse } from './dto/agent.response.js';

const present = (agent: AgentEntity): AgentJson => ({
  id: agent.id,
  name: agent.name,
  email: agent.email,
  tier: agent.tier,
  role: agent.role,
  active: agent.active,
  createdAt: agent.createdAt.toISOString(),
});

/** Agent accounts. Every agent can list colleagues (to assign tickets); only administrators manage them. */
@Controller('api/agents')
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly agentSockets: AgentsGateway,
  ) {}

  @Get()
  @ApiOkResponse({ type: AgentListResponse })
  async list(@CurrentActor() actor: Actor): Promise<ItemsJson<AgentJson>> {
    const agents = await this.agents.list();
    return { items: agents.filter((agent) => agent.active || actor.role === 'admin').map(present) };
  }

  @AdminOnly()
  @Post()
  @ApiCreatedResponse({ type: AgentResponse })
  async create(@Body() fields: CreateAgentDto): Promise<AgentJson> {
    const agent = await this.agents.create({ name: fields.name, email: fields.email, password: fields.password, tier: fields.tier ?? 'L1', role: fields.role ?? 'agent' });
    return present(agent);
  }

  @AdminOnly()
  @Patch(':id')
  @ApiOkResponse({ type: AgentResponse })
  async update(@Param('id', UuidPipe) id: string, @Body() fields: UpdateAgentDto): Promise<AgentJson> {
    // null counts as left out, as before.
    const patch: AgentPatch = {
      name: fields.name ?? undefined,
      password: fields.password ?? undefined,
      tier: fields.tier ?? undefined,
      role: fields.role ?? undefined,
      active: fields.active ?? undefined,
    };
    const updated = await this.agents.update(id, patch);
    // Rooms follow tier and role, and a new password or deactivation ends the sessions: reconnect.
    if (patch.tier !== undefined || patch.role !== undefined || patch.active !== undefined || patch.password !== undefined) {
      this.agentSockets.disconnectAgent(id);
    }
    return present(updated);
  }
}
