import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RepliesService, type Actor } from '@app/tickets';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { CreateReplyDto } from './dto/create-reply.dto.js';

@Controller('api/tickets/:number/replies')
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  /**
   * A public reply goes to the customer through the ticket's channel; `internal: true` makes a note.
   * With `baseVersion` (the ticket's `version` when the agent opened it) the reply is refused with 409
   * if someone else wrote since, unless `force: true`.
   */
  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @Param('number', TicketNumberPipe) number: string, @Body() reply: CreateReplyDto) {
    const result = await this.replies.reply(number, actor, {
      body: reply.body,
      internal: reply.internal ?? false,
      baseVersion: reply.baseVersion ?? undefined,
      force: reply.force ?? false,
    });
    return {
      id: result.message.id,
      internal: result.message.internal,
      channel: result.message.channel,
      createdAt: result.message.createdAt,
      delivery: result.deliveryId ? { id: result.deliveryId, status: 'pending' } : null,
      suppressedReason: result.suppressedReason ?? null,
    };
  }
}
