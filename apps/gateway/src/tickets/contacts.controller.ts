import { Controller, Get, Param } from '@nestjs/common';
import { TicketsService, type Actor, type ContactWithTicketsJson } from '@app/tickets';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { ContactWithTicketsResponse } from './dto/ticket.response.js';
import { presentContact, presentTicketSummary } from './ticket.presenter.js';

/** A person across channels: their details and every ticket of theirs the agent may see. */
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get(':id')
  @ApiOkResponse({ type: ContactWithTicketsResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ContactWithTicketsJson> {
    const { contact, tickets } = await this.tickets.contact(id, actor);
    const now = new Date();
    return { contact: presentContact(contact), tickets: tickets.map((ticket) => presentTicketSummary(ticket, now)) };
  }
}
