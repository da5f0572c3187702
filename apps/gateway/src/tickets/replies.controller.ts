import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RepliesService } from '@app/tickets';
import { optionalBoolean, requiredText } from '../http/body-fields.js';

@Controller('api/tickets/:number/replies')
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  /** A public reply goes to the customer through the ticket's channel; `internal: true` makes a note. */
  @Post()
  @HttpCode(201)
  async create(@Param('number') number: string, @Body() body: unknown) {
    const fields = (body ?? {}) as Record<string, unknown>;
    const result = await this.replies.reply(number.toUpperCase(), {
      body: requiredText('body', fields.body),
      internal: optionalBoolean('internal', fields.internal) ?? false,
      // Until agent accounts exist (inbox issue), replies are signed by the support team.
      author: { name: 'Soporte Interfactura' },
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
