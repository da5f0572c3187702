import { Injectable } from '@nestjs/common';
import { ContactsRepository } from '../contacts.repository.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import type { Actor } from '../workflow/actor.js';
import { tiersVisibleTo } from '../workflow/ticket-permissions.js';
import { incidentMessageFor, isOpenTicket, speakableIncident, speakerBody } from './incident-broadcast.service.js';
import type { IncidentChannel, IncidentUpdatePreview } from './incident-shapes.js';
import { TicketsRepository } from '../tickets.repository.js';
import { IncidentsRepository } from './incidents.repository.js';

/** Shown when no linked ticket the agent may see is on a channel: the text is the same but for the number. */
const SAMPLE_NUMBER = 'IF-000000';

/**
 * An update as it will read in mail, chat and SMS, rendered by the broadcast's own formatting (so the
 * preview cannot drift from what is sent), and how many linked customers it will reach per channel.
 * Writes nothing.
 */
@Injectable()
export class IncidentUpdatePreviewService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly contacts: ContactsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly notifier: CustomerNotifier,
  ) {}

  async preview(incidentId: string, actor: Actor, rawBody: string, kind: 'update' | 'resolution'): Promise<IncidentUpdatePreview> {
    const body = speakerBody(actor, rawBody, kind);
    const incident = speakableIncident(incidentId, await this.incidents.find(incidentId));
    const linked = await this.incidents.linkedTickets(incidentId);
    const tickets = (await this.tickets.findRowsByIds(linked.map((ticket) => ticket.ticketId), { lock: false })).filter(isOpenTicket);
    const contacts = new Map((await this.contacts.findByIds(tickets.map((ticket) => ticket.contactId))).map((contact) => [contact.id, contact]));

    const reach = { email: 0, chat: 0, sms: 0, total: tickets.length, unreachable: 0 };
    for (const ticket of tickets) {
      reach[ticket.channel === 'phone' ? 'sms' : ticket.channel] += 1;
      if (this.notifier.unreachableReason(ticket, contacts.get(ticket.contactId)!)) reach.unreachable += 1;
    }

    // Each channel is shown for one linked ticket on it the agent may see (the number is the only difference between customers).
    const visible = new Set<string>(tiersVisibleTo(actor));
    const shown = tickets.filter((ticket) => visible.has(ticket.tier));
    const sample = (channel: IncidentChannel) => {
      const ticket = shown.find((candidate) => candidate.channel === channel) ?? shown[0];
      const rendered = incidentMessageFor({ channel, number: ticket?.number ?? SAMPLE_NUMBER, subject: ticket?.subject ?? '' }, incident, body, actor, kind);
      return { ticketNumber: ticket?.number ?? SAMPLE_NUMBER, ...rendered };
    };
    const email = sample('email');
    const chat = sample('chat');
    const sms = sample('phone');
    return {
      kind,
      email: { ticketNumber: email.ticketNumber, subject: email.subject, text: email.text },
      chat: { ticketNumber: chat.ticketNumber, text: chat.text },
      sms: { ticketNumber: sms.ticketNumber, text: sms.text, characters: [...sms.text].length },
      reach,
    };
  }
}
