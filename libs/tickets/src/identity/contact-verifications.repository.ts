import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { insertStatement } from '../database/combined-statements.repository.js';
import { WriteBehind } from '../database/write-behind.js';
import { ContactVerificationEntity } from '../entities/contact-verification.entity.js';

export type NewContactVerification = Pick<ContactVerificationEntity, 'id' | 'contactId' | 'ticketId' | 'email' | 'tokenHash' | 'messageId' | 'expiresAt'>;

@Injectable()
export class ContactVerificationsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /** Through a holding transaction (an intake group) it waits for the group's flush. */
  async insert(verification: NewContactVerification, em: EntityManager): Promise<void> {
    await this.writeBehind.write('contact_verifications', [verification], (rows, db) => [insertStatement(db, ContactVerificationEntity, rows)], em);
  }

  findByTokenHash(tokenHash: string, em: EntityManager = this.dataSource.manager): Promise<ContactVerificationEntity | null> {
    return em.findOne(ContactVerificationEntity, { where: { tokenHash } });
  }

  /** Locked until the transaction ends: two clicks on one link verify once. */
  lockByTokenHash(tokenHash: string, em: EntityManager): Promise<ContactVerificationEntity | null> {
    return em.findOne(ContactVerificationEntity, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(id: string, verifiedContactId: string, em: EntityManager): Promise<void> {
    await em.update(ContactVerificationEntity, { id }, { usedAt: new Date(), verifiedContactId });
  }
}
