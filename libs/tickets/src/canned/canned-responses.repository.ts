import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CannedResponseEntity } from './canned-response.entity.js';
import type { CannedResponseFields } from './canned-variables.js';

@Injectable()
export class CannedResponsesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<CannedResponseEntity[]> {
    return this.dataSource.manager.find(CannedResponseEntity, { order: { title: 'ASC' } });
  }

  findById(id: string): Promise<CannedResponseEntity | null> {
    return this.dataSource.manager.findOne(CannedResponseEntity, { where: { id } });
  }

  /** Whether another response already has this title (case aside): titles are how agents pick one. */
  titleTaken(title: string, exceptId?: string): Promise<boolean> {
    const query = this.dataSource.manager.createQueryBuilder(CannedResponseEntity, 'r').where('lower(r.title) = lower(:title)', { title: title.trim() });
    if (exceptId) query.andWhere('r.id <> :exceptId', { exceptId });
    return query.getExists();
  }

  async insert(fields: CannedResponseFields, createdBy: string): Promise<CannedResponseEntity> {
    const saved = await this.dataSource.manager.save(CannedResponseEntity, this.dataSource.manager.create(CannedResponseEntity, { ...fields, createdBy }));
    return this.dataSource.manager.findOneOrFail(CannedResponseEntity, { where: { id: saved.id } });
  }

  async update(id: string, fields: CannedResponseFields): Promise<CannedResponseEntity> {
    await this.dataSource.manager.update(CannedResponseEntity, { id }, fields);
    return this.dataSource.manager.findOneOrFail(CannedResponseEntity, { where: { id } });
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.dataSource.manager.delete(CannedResponseEntity, { id })).affected ?? 0) > 0;
  }
}
