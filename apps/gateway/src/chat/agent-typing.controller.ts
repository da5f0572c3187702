import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ChatService } from '@app/channels';
import type { Actor } from '@app/tickets';
import { CurrentActor } from '../auth/auth.decorators.js';
import { optionalBoolean } from '../http/body-fields.js';

@Controller('api/tickets/:number/typing')
export class AgentTypingController {
  constructor(private readonly chat: ChatService) {}

  /** Shows (`typing: true`, the default) or hides the agent's typing indicator in the customer's chat widget. */
  @Post()
  @HttpCode(204)
  async typing(@CurrentActor() actor: Actor, @Param('number') number: string, @Body() body: unknown): Promise<void> {
    const fields = (body ?? {}) as Record<string, unknown>;
    await this.chat.agentTyping(number.toUpperCase(), optionalBoolean('typing', fields.typing) ?? true, actor.name);
  }
}
