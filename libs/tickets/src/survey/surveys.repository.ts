import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SatisfactionSurveyEntity } from './satisfaction-survey.entity.js';

@Injectable()
export class SurveysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The ticket's survey, created once: null when it already had one (a ticket resolved again gets no second survey). */
  async insertOnce(survey: Pick<SatisfactionSurveyEntity, 'ticketId' | 'channel' | 'tier' | 'agentId'>, em: EntityManager): Promise<SatisfactionSurveyEntity | null> {
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

  /** Adds the optional comment, once, after the rating; true when this one counted. */
  async comment(id: string, comment: string, em: EntityManager): Promise<boolean> {
    const [rows] = (await em.query(`UPDATE satisfaction_surveys SET comment = $2 WHERE id = $1 AND rating IS NOT NULL AND comment IS NULL RETURNING id`, [id, comment])) as [
      unknown[],
      number,
    ];
    return rows.length > 0;
  }
}
