import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppSecretEntity } from './app-secret.entity.js';

@Injectable()
export class AppSecretsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The named secret, generated (256 random bits) the first time; every process then reads the same. */
  async getOrCreate(name: string): Promise<string> {
    await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(AppSecretEntity)
      .values({ name, value: randomBytes(32).toString('base64url') })
      .orIgnore()
      .execute();
    const secret = await this.dataSource.manager.findOneOrFail(AppSecretEntity, { where: { name } });
    return secret.value;
  }
}
