import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ContactEntity } from './entities/contact.entity.js';
import type { InboundParty } from './intake/inbound-message.js';
import { isUuid } from './support/is-uuid.js';

@Injectable()
export class ContactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The contact for this email or phone, created on first contact. A name or RFC we did not know
   * yet is filled in; one we knew is kept (the customer's own later input does not get overwritten
   * by a mail client's display name).
   */
  async upsert(party: InboundParty, em: EntityManager = this.dataSource.manager): Promise<ContactEntity> {
    const email = party.email?.toLowerCase() ?? null;
    const phone = party.phone ?? null;
    if (!email && !phone) throw new Error('A contact needs an email or a phone number');
    const existing = await this.findByAddress(email, phone, em);
    if (existing) {
      const patch: Partial<ContactEntity> = {};
      if (!existing.name && party.name) patch.name = party.name;
      if (!existing.rfc && party.rfc) patch.rfc = party.rfc;
      if (!existing.email && email) patch.email = email;
      if (!existing.phone && phone) patch.phone = phone;
      if (Object.keys(patch).length === 0) return existing;
      await em.update(ContactEntity, { id: existing.id }, patch);
      return { ...existing, ...patch };
    }
    // Concurrent first contacts from one address race on the unique index: the loser re-reads.
    const values = { email, phone, name: party.name ?? null, rfc: party.rfc ?? null };
    const inserted = await em.createQueryBuilder().insert().into(ContactEntity).values(values).orIgnore().returning('*').execute();
    if ((inserted.raw as unknown[]).length > 0) return em.create(ContactEntity, { ...values, ...(inserted.generatedMaps[0] as Partial<ContactEntity>) });
    const created = await this.findByAddress(email, phone, em);
    if (!created) throw new Error(`Contact for ${email ?? phone} could not be created`);
    return created;
  }

  private async findByAddress(email: string | null, phone: string | null, em: EntityManager): Promise<ContactEntity | null> {
    if (email) {
      const byEmail = await em.findOne(ContactEntity, { where: { email } });
      if (byEmail) return byEmail;
    }
    return phone ? em.findOne(ContactEntity, { where: { phone } }) : null;
  }

  findById(id: string): Promise<ContactEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(ContactEntity, { where: { id } });
  }

  /** Marks the address undeliverable (a permanent bounce of mail we sent to it); true when a contact has it. */
  async markEmailUndeliverable(email: string, reason: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ContactEntity)
      .set({ emailUndeliverableAt: () => 'now()', emailUndeliverableReason: reason.slice(0, 500) })
      .where('email = :email', { email: email.toLowerCase() })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Lifts the mark (the address wrote to us, or took a send); true when there was a mark to lift. */
  async clearEmailUndeliverable(email: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ContactEntity)
      .set({ emailUndeliverableAt: null, emailUndeliverableReason: null })
      .where('email = :email AND email_undeliverable_at IS NOT NULL', { email: email.toLowerCase() })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
