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

  /** Rates the ticket's survey that asked by SMS, unless it is answered already; true when this one counted. */
  async answerBySms(ticketId: string, rating: number, em: EntityManager): Promise<boolean> {
    const [rows] = (await em.query(
      `UPDATE satisfaction_surveys SET rating = $2, answered_at = now() WHERE ticket_id = $1 AND channel = 'phone' AND message_id IS NOT NULL AND rating IS NULL RETURNING id`,
      [ticketId, rating],
    )) as [unknown[], number];
    return rows.length > 0;
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
