import { Injectable } from '@nestjs/common';
import { ChatBroadcaster } from '@app/channels';
import { InvalidInputError, TicketNotFoundError, TicketsRepository } from '@app/tickets';

/** What agents push live to a chat customer: where the ticket domain meets the chat channel. */
@Injectable()
export class AgentTypingService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  /** Shows (or hides) "<agent> está escribiendo…" in the widget of a chat ticket. */
  async show(ticketNumber: string, typing: boolean, agentName: string): Promise<void> {
    const ticket = await this.tickets.findByNumber(ticketNumber);
    if (!ticket) throw new TicketNotFoundError(ticketNumber);
    if (ticket.channel !== 'chat' || !ticket.conversationRef) throw new InvalidInputError(`${ticketNumber} no es un ticket de chat.`);
    await this.broadcaster.typing(ticket.conversationRef, { typing, agentName });
  }
}
