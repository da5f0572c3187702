import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SatisfactionSurveyEntity } from './satisfaction-survey.entity.js';

@Injectable()
export class SurveysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The ticket's survey, created once: null when it already had one that asked the customer (a ticket
   * resolved again gets no second survey). One that never went out (withheld because the ticket was
   * reopened first, or undelivered) and was not answered gives way to the new one.
   */
  async insertOnce(survey: Pick<SatisfactionSurveyEntity, 'ticketId' | 'channel' | 'tier' | 'agentId'>, em: EntityManager): Promise<SatisfactionSurveyEntity | null> {
    await em.query(
      `DELETE FROM satisfaction_surveys s
        WHERE s.ticket_id = $1 AND s.rating IS NULL
          AND NOT EXISTS (SELECT 1 FROM outbound_deliveries d WHERE d.message_id = s.message_id AND d.status IN ('pending', 'sent'))`,
      [survey.ticketId],
    );
    const result = await em.createQueryBuilder().insert().into(SatisfactionSurveyEntity).values(survey).orIgnore().returning('id').execute();
    const id = (result.raw as Array<{ id: string }>)[0]?.id;
    return id ? em.findOneByOrFail(SatisfactionSurveyEntity, { id }) : null;
  }

  async setMessage(id: string, messageId: string, em: EntityManager): Promise<void> {
    await em.update(SatisfactionSurveyEntity, { id }, { messageId });
  }

  findByMessageId(messageId: string): Promise<SatisfactionSurveyEntity | null> {
    return this.dataSource.manager.findOneBy(SatisfactionSurveyEntity, { messageId });
  }

  findById(id: string): Promise<SatisfactionSurveyEntity | null> {
    return this.dataSource.manager.findOneBy(SatisfactionSurveyEntity, { id });
  }

  /** Records the rating unless one is there already (one answer per ticket); true when this one counted. */
  async answer(id: string, rating: number, em: EntityManager): Promise<boolean> {
    const [rows] = (await em.query(`UPDATE satisfaction_surveys SET rating = $2, answered_at = now() WHERE id = $1 AND rating IS NULL RETURNING id`, [id, rating])) as [unknown[], number];
    return rows.length > 0;
  }

  /**
   * Rates the unanswered survey most recently sent by SMS to this number (and delivered) since
   * `since`, whichever ticket it is on; that ticket's id, or null when there is no such survey.
   */
  async answerLatestSentBySms(phone: string, rating: number, since: Date, em: EntityManager): Promise<string | null> {
    const [rows] = (await em.query(
      `UPDATE satisfaction_surveys SET rating = $2, answered_at = now()
        WHERE rating IS NULL AND id = (
          SELECT s.id FROM outbound_deliveries d JOIN satisfaction_surveys s ON s.message_id = d.message_id
           WHERE d.recipient = $1 AND d.kind = 'survey' AND d.channel = 'phone' AND d.status = 'sent' AND d.sent_at >= $3 AND s.rating IS NULL
           ORDER BY d.sent_at DESC LIMIT 1)
        RETURNING ticket_id`,
      [phone, rating, since],
    )) as [Array<{ ticket_id: string }>, number];
    return rows[0]?.ticket_id ?? null;
  }

  /** Adds the optional comment, once, after the rating; true when this one counted. */
  async comment(id: string, comment: string, em: EntityManager): Promise<boolean> {
    const [rows] = (await em.query(`UPDATE satisfaction_surveys SET comment = $2 WHERE id = $1 AND rating IS NOT NULL AND comment IS NULL RETURNING id`, [id, comment])) as [
      unknown[],
      number,
    ];
    return rows.length > 0;
  }
}
