import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { InboundParty } from '@app/channels';
import { entityFromRow, isUuid, runPrepared, type PreparedRead } from '@app/platform';
import type { Tier } from './domain.js';
import { insertStatement } from './database/combined-statements.repository.js';
import { WriteBehind } from './database/write-behind.js';
import { ContactEntity } from './entities/contact.entity.js';
import { contactGaps } from './identity/verification-rules.js';

export interface MovedTicket {
  id: string;
  number: string;
  tier: Tier;
}

@Injectable()
export class ContactsRepository {
  /** Contacts `callerContactReads` read for a transaction, by phone. */
  private readonly fetchedByTransaction = new WeakMap<EntityManager, Map<string, ContactEntity>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /**
   * The contact for this email or phone, created on first contact. A name or RFC we did not know
   * yet is filled in; one we knew is kept (the customer's own later input does not get overwritten
   * by a mail client's display name).
   */
  async upsert(party: InboundParty, em: EntityManager = this.dataSource.manager): Promise<ContactEntity> {
    const email = party.email?.toLowerCase() ?? null;
    const phone = party.phone ?? null;
    if (!email && !phone) throw new Error('A contact needs an email or a phone number');
    const known = this.fetched(em, email, phone);
    if (known) return this.fillGaps(known, party, email, phone, em);
    // One statement whether the contact exists or not (the email's contact before the phone's).
    const rows = await runPrepared<Record<string, unknown> & { is_new: boolean }>(
      em,
      `WITH existing AS (
         SELECT * FROM contacts WHERE email = $1::text OR phone = $2::text ORDER BY (email = $1::text) IS TRUE DESC LIMIT 1
       ), inserted AS (
         INSERT INTO contacts (email, phone, name, rfc)
         SELECT $1::text, $2::text, $3::text, $4::text WHERE NOT EXISTS (SELECT 1 FROM existing)
         ON CONFLICT DO NOTHING
         RETURNING *
       )
       SELECT *, false AS is_new FROM existing UNION ALL SELECT *, true AS is_new FROM inserted`,
      [email, phone, party.name ?? null, party.rfc ?? null],
    );
    const [row] = rows;
    if (!row) {
      // Concurrent first contacts from one address raced on the unique index: this one re-reads.
      const created = await this.findByAddress(email, phone, em);
      if (!created) throw new Error(`Contact for ${email ?? phone} could not be created`);
      return created;
    }
    const existing = entityFromRow(em.dataSource, ContactEntity, row);
    if (row.is_new) return existing;
    return this.fillGaps(existing, party, email, phone, em);
  }

  /**
   * The statement that finds or creates the contacts of several callers an intake group is about to
   * need (for `readTogether`; none without callers): `upsert` then answers from them without a
   * statement of its own. A number another transaction is creating at the same moment is left to
   * `upsert`.
   */
  callerContactReads(callers: Array<InboundParty & { phone: string }>, em: EntityManager): Array<PreparedRead<void>> {
    const byPhone = new Map(callers.map((caller) => [caller.phone, caller]));
    const phones = [...byPhone.keys()].sort();
    if (phones.length === 0) return [];
    return [
      {
        text: `WITH existing AS (
         SELECT * FROM contacts WHERE phone = ANY($1::text[])
       ), inserted AS (
         INSERT INTO contacts (phone, name, rfc)
         SELECT p.phone, p.name, p.rfc FROM unnest($1::text[], $2::text[], $3::text[]) AS p(phone, name, rfc)
          WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.phone = p.phone)
         ON CONFLICT DO NOTHING
         RETURNING *
       )
       SELECT * FROM existing UNION ALL SELECT * FROM inserted`,
        values: [phones, phones.map((phone) => byPhone.get(phone)!.name ?? null), phones.map((phone) => byPhone.get(phone)!.rfc ?? null)],
        read: (rows) => {
          const fetched = this.fetchedByTransaction.get(em) ?? new Map<string, ContactEntity>();
          for (const row of rows) {
            const contact = entityFromRow(em.dataSource, ContactEntity, row);
            if (contact.phone) fetched.set(contact.phone, contact);
          }
          this.fetchedByTransaction.set(em, fetched);
        },
      },
    ];
  }

  /** A fetched contact for a party that has a phone and no email (a caller), if any. */
  private fetched(em: EntityManager, email: string | null, phone: string | null): ContactEntity | undefined {
    if (email || !phone) return undefined;
    return this.fetchedByTransaction.get(em)?.get(phone);
  }

  /** A name, RFC or address we did not know yet is filled in; one we knew is kept. */
  private async fillGaps(existing: ContactEntity, party: InboundParty, email: string | null, phone: string | null, em: EntityManager): Promise<ContactEntity> {
    const patch: Partial<ContactEntity> = contactGaps(existing, party);
    if (!existing.email && email) patch.email = email;
    if (!existing.phone && phone) patch.phone = phone;
    if (Object.keys(patch).length === 0) return existing;
    await em.update(ContactEntity, { id: existing.id }, patch);
    const updated = { ...existing, ...patch };
    const fetched = this.fetchedByTransaction.get(em);
    if (phone && fetched?.has(phone)) fetched.set(phone, updated);
    return updated;
  }

  private async findByAddress(email: string | null, phone: string | null, em: EntityManager): Promise<ContactEntity | null> {
    if (email) {
      const byEmail = await em.findOne(ContactEntity, { where: { email } });
      if (byEmail) return byEmail;
    }
    return phone ? em.findOne(ContactEntity, { where: { phone } }) : null;
  }

  /**
   * A contact of its own for an address someone only typed (a chat's email): it keeps the claim
   * apart from the contact that owns the address, so it neither sees nor changes that history.
   * Nobody can race for it: its id is made here, and through a holding transaction (an intake
   * group) it waits for the group's flush.
   */
  async createUnverified(party: InboundParty & { email: string }, em: EntityManager): Promise<ContactEntity> {
    const now = new Date();
    const contact = em.create(ContactEntity, {
      id: randomUUID(),
      email: null,
      phone: null,
      claimedEmail: party.email.toLowerCase(),
      name: party.name ?? null,
      rfc: party.rfc ?? null,
      emailUndeliverableAt: null,
      emailUndeliverableReason: null,
      erasedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.writeBehind.write('contacts', [contact], (rows, db) => [insertStatement(db, ContactEntity, rows)], em);
    return contact;
  }

  /** The contact that owns this (proven) address, locked until the transaction ends. */
  findOwnerOfEmail(email: string, em: EntityManager): Promise<ContactEntity | null> {
    return em.findOne(ContactEntity, { where: { email: email.toLowerCase() }, lock: { mode: 'pessimistic_write' } });
  }

  lock(id: string, em: EntityManager): Promise<ContactEntity | null> {
    return em.findOne(ContactEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Moves everything of a verified claim onto the contact that owns the address and removes the
   * claim. The owner only gains the name or RFC it lacked. Returns the tickets that moved.
   */
  async absorbClaim(claim: ContactEntity, owner: ContactEntity, em: EntityManager): Promise<MovedTicket[]> {
    const moved = await this.moveTickets(claim.id, owner.id, em);
    await em.query(`UPDATE messages SET author_contact_id = $2 WHERE author_contact_id = $1`, [claim.id, owner.id]);
    const gaps = contactGaps(owner, claim);
    if (Object.keys(gaps).length > 0) await em.update(ContactEntity, { id: owner.id }, gaps);
    await em.delete(ContactEntity, { id: claim.id });
    return moved;
  }

  /** A verified claim whose address nobody owns yet becomes that address's contact (fails on the unique index if someone just took it). */
  async promoteClaim(claim: ContactEntity, em: EntityManager): Promise<MovedTicket[]> {
    await em.query(`UPDATE contacts SET email = claimed_email, claimed_email = NULL, updated_at = now() WHERE id = $1`, [claim.id]);
    return (await em.query(`SELECT id, number, tier FROM tickets WHERE contact_id = $1`, [claim.id])) as MovedTicket[];
  }

  private async moveTickets(fromId: string, toId: string, em: EntityManager): Promise<MovedTicket[]> {
    const [rows] = (await em.query(`UPDATE tickets SET contact_id = $2, updated_at = now() WHERE contact_id = $1 RETURNING id, number, tier`, [
      fromId,
      toId,
    ])) as [MovedTicket[], number];
    return rows;
  }

  /** The contact of a ticket (it always has one); throws when it does not exist. */
  getById(id: string, em: EntityManager): Promise<ContactEntity> {
    return em.findOneByOrFail(ContactEntity, { id });
  }

  findByIds(ids: string[], em: EntityManager = this.dataSource.manager): Promise<ContactEntity[]> {
    return em.find(ContactEntity, { where: { id: In(ids) } });
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
