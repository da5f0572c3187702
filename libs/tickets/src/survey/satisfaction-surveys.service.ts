import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactEntity } from '../entities/contact.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { renderSurvey } from '../notifications/survey.template.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { TicketChangePublisher } from '../realtime/ticket-change-publisher.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import type { Actor } from '../workflow/actor.js';
import type { SatisfactionSurveyEntity } from './satisfaction-survey.entity.js';
import { SurveyLinks } from './survey-links.js';
import { RATING_LABELS_ES, SURVEY_COMMENT_MAX, type Rating } from './survey-rules.js';
import { SurveysRepository } from './surveys.repository.js';

/** What a survey link leads to: nothing we know, a survey waiting for its rating, or one answered. */
export type SurveyView = { state: 'unknown' } | KnownSurvey;

export interface KnownSurvey {
  state: 'open' | 'answered';
  ticketNumber: string;
  rating: Rating | null;
  commented: boolean;
}

/** Why an answer did not count. */
export type SurveyAnswerResult = { ok: true; view: KnownSurvey } | { ok: false; reason: 'unknown' | 'already_answered' | 'not_rated' | 'already_commented' | 'comment_too_long' };

/**
 * The satisfaction survey: queued with the resolution on the customer's channel (once per ticket,
 * whoever resolves it again), answered once through its signed link (a rating of 1 to 5, then an
 * optional comment), and written on the ticket's log so the agents see it.
 */
@Injectable()
export class SatisfactionSurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysRepository,
    private readonly tickets: TicketsRepository,
    private readonly links: SurveyLinks,
    private readonly notifier: CustomerNotifier,
    private readonly events: TicketEventsRepository,
    private readonly changes: TicketChangePublisher,
  ) {}

  /** In the resolution's transaction: the survey and its delivery; its deliveries' ids (none when the ticket had one). */
  async queueAfterResolution(ticket: TicketEntity, contact: ContactEntity, resolvedBy: Actor, em: EntityManager): Promise<string[]> {
    const survey = await this.surveys.insertOnce({ ticketId: ticket.id, channel: ticket.channel, tier: ticket.tier, agentId: resolvedBy.id }, em);
    if (!survey) return [];
    const content = renderSurvey({ channel: ticket.channel, ticketNumber: ticket.number, customerName: contact.name });
    const queued = await this.notifier.queueNotice(ticket, contact, 'survey', content, { type: 'system' }, em, `survey-${survey.id}`);
    await this.surveys.setMessage(survey.id, queued.message.id, em);
    return queued.deliveryIds;
  }

  async inspect(id: unknown, signature: unknown): Promise<SurveyView> {
    const surveyId = await this.links.verify(id, signature);
    const survey = surveyId ? await this.surveys.findById(surveyId) : null;
    return survey ? this.view(survey) : { state: 'unknown' };
  }

  async rate(id: unknown, signature: unknown, rating: Rating): Promise<SurveyAnswerResult> {
    return this.change(id, signature, async (survey, em) => {
      if (!(await this.surveys.answer(survey.id, rating, em))) return 'already_answered';
      await this.events.append(survey.ticketId, [{ type: 'survey_answered', actorType: 'contact', data: { rating, label: RATING_LABELS_ES[rating] } }], em);
      return undefined;
    });
  }

  async comment(id: unknown, signature: unknown, comment: string): Promise<SurveyAnswerResult> {
    const text = comment.trim();
    if (text.length > SURVEY_COMMENT_MAX) return { ok: false, reason: 'comment_too_long' };
    return this.change(id, signature, async (survey, em) => {
      if (survey.rating === null) return 'not_rated';
      if (!text || !(await this.surveys.comment(survey.id, text, em))) return 'already_commented';
      await this.events.append(survey.ticketId, [{ type: 'survey_commented', actorType: 'contact', data: { comment: text } }], em);
      return undefined;
    });
  }

  private async change(
    id: unknown,
    signature: unknown,
    work: (survey: SatisfactionSurveyEntity, em: EntityManager) => Promise<Exclude<SurveyAnswerResult, { ok: true }>['reason'] | undefined>,
  ): Promise<SurveyAnswerResult> {
    const surveyId = await this.links.verify(id, signature);
    const found = surveyId ? await this.surveys.findById(surveyId) : null;
    if (!found) return { ok: false, reason: 'unknown' };
    const refusal = await this.dataSource.transaction((em) => work(found, em));
    if (refusal) return { ok: false, reason: refusal };
    const survey = (await this.surveys.findById(found.id))!;
    const ticket = await this.tickets.getRow(survey.ticketId);
    this.changes.publish({ number: ticket.number, tiers: [ticket.tier], kind: 'updated' });
    return { ok: true, view: { state: 'answered', ticketNumber: ticket.number, rating: survey.rating as Rating, commented: survey.comment !== null } };
  }

  private async view(survey: SatisfactionSurveyEntity): Promise<SurveyView> {
    const ticket = await this.tickets.getRow(survey.ticketId);
    return { state: survey.rating === null ? 'open' : 'answered', ticketNumber: ticket.number, rating: survey.rating as Rating | null, commented: survey.comment !== null };
  }
}
