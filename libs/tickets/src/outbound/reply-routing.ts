import { Injectable, Logger } from '@nestjs/common';
import type { Channel } from '@app/channels';
import { PresenceRegistry } from '@app/platform';
import { mailAddressOf, type ContactEntity } from '../entities/contact.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';

/**
 * The channels an agent's reply goes out on: the ticket's own and email as well when the customer
 * has an address and either left the chat (no tab of the conversation connected) or called: an
 * SMS is short and easily lost, a mail keeps the whole answer.
 */
export function replyChannels(ticketChannel: Channel, customerInChat: boolean, hasEmail: boolean): Channel[] {
  if (ticketChannel === 'chat' && !customerInChat && hasEmail) return ['chat', 'email'];
  if (ticketChannel === 'phone' && hasEmail) return ['phone', 'email'];
  return [ticketChannel];
}

/** Decides where a reply goes (see `replyChannels`), asking the gateways' presence registry. */
@Injectable()
export class ReplyRouting {
  private readonly logger = new Logger(ReplyRouting.name);

  constructor(private readonly presence: PresenceRegistry) {}

  async channelsFor(ticket: TicketEntity, contact: ContactEntity): Promise<Channel[]> {
    const inChat = ticket.channel === 'chat' && ticket.conversationRef ? await this.customerInChat(ticket.conversationRef) : false;
    return replyChannels(ticket.channel, inChat, Boolean(mailAddressOf(contact)));
  }

  private async customerInChat(conversationId: string): Promise<boolean> {
    try {
      return (await this.presence.count(`chat:${conversationId}`)) > 0;
    } catch (error) {
      // Unknown presence (Redis down): send the email too rather than risk the answer going unseen.
      this.logger.warn(`chat presence unknown for ${conversationId}: ${(error as Error).message}`);
      return false;
    }
  }
}
