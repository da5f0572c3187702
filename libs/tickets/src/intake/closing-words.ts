import { Injectable } from '@nestjs/common';
import type { InboundMessage } from '@app/channels';
import type { EntityManager } from 'typeorm';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { RATING_LABELS_ES, ratingInSms } from '../survey/survey-rules.js';
import { SurveysRepository } from '../survey/surveys.repository.js';
import { isOnlyThanks } from '../text/thanks-only.js';
import { threadlessResolvedSince } from '../threading/threadless-reply-window.js';
import type { TicketEventInput } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';

/**
 * A customer's message that closes rather than reopens: a rating sent by SMS for the survey that
 * asked for one, or thanks alone on a resolved ticket. Such a message is kept on its ticket with the
 * event that says what it was, and neither reopens the ticket nor counts as the customer writing again.
 */
@Injectable()
export class ClosingWords {
  constructor(
    private readonly surveys: SurveysRepository,
    private readonly tickets: TicketsRepository,
  ) {}

  /**
   * An SMS that is only a rating (1 to 5) answers the survey last sent by SMS to its number in the
   * last week, as that survey's text asks, on whichever ticket that survey is. Undefined for any
   * other message, or when no such survey waits.
   */
  async surveyAnsweredBySms(message: InboundMessage, em: EntityManager): Promise<{ ticket: TicketEntity; event: TicketEventInput } | undefined> {
    const phone = message.threadBySender && !message.automated ? message.from.phone : undefined;
    const rating = phone ? ratingInSms(message.text) : undefined;
    if (!phone || rating === undefined) return undefined;
    const ticketId = await this.surveys.answerLatestSentBySms(phone, rating, threadlessResolvedSince(message.receivedAt), em);
    const ticket = ticketId ? await this.tickets.findById(ticketId, em) : null;
    if (!ticket) return undefined;
    return { ticket: await this.tickets.followMerges(ticket, em), event: { type: 'survey_answered', actorType: 'contact', data: { rating, label: RATING_LABELS_ES[rating], by: 'sms' } } };
  }

  /** The event of thanks alone on a resolved ticket, which leave it resolved; none for anything else. */
  thanks(ticket: TicketEntity, message: InboundMessage): TicketEventInput[] {
    const thanks = !message.automated && ticket.status === 'resolved' && isOnlyThanks(message.text);
    return thanks ? [{ type: 'thanks_received', actorType: 'contact', data: { channel: message.channel } }] : [];
  }
}
