import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { TicketWorkflowService, type Actor } from '@app/tickets';
import { CurrentActor } from '../auth/auth.decorators.js';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { AgentTypingService } from './agent-typing.service.js';
import { TypingDto } from './dto/typing.dto.js';

@Controller('api/tickets/:number/typing')
export class AgentTypingController {
  constructor(
    private readonly agentTyping: AgentTypingService,
    private readonly workflow: TicketWorkflowService,
  ) {}

  /**
   * Shows (`typing: true`, the default) or hides the agent's typing indicator in the customer's chat
   * widget; only for an agent who may write to the customer on that ticket.
   */
  @Post()
  @HttpCode(204)
  async typing(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() body: TypingDto): Promise<void> {
    await this.workflow.authorize(number, actor, 'reply');
    await this.agentTyping.show(number, body.typing ?? true, actor.name);
  }
}
