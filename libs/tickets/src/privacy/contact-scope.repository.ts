import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonDetails } from './personal-data-redaction.js';

export interface ScopedContact {
  id: string;
  name: string | null;
  email: string | null;
  claimedEmail: string | null;
  phone: string | null;
  rfc: string | null;
  erasedAt: Date | null;
}

/** Everything that is about one person: their contact, the contacts that claim its address, what hangs off them. */
export interface ContactDataScope {
  contact: ScopedContact;
  /** The contact, and the chat contacts that claimed its proven address (unverified, apart until verified). */
  contactIds: string[];
  ticketIds: string[];
  messageIds: string[];
  /** Chat conversations of the person's chat tickets. */
  conversationIds: string[];
  /** Lower-cased. */
  emails: string[];
  phones: string[];
}

@Injectable()
export class ContactScopeRepository {
  /** The contact (locked with `lock`, for an erasure), or null when there is none. */
  async findContact(contactId: string, em: EntityManager, lock = false): Promise<ScopedContact | null> {
    const rows = (await em.query(
      `SELECT id, name, email, claimed_email AS "claimedEmail", phone, rfc, erased_at AS "erasedAt" FROM contacts WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [contactId],
    )) as ScopedContact[];
    return rows[0] ?? null;
  }

  async scope(contact: ScopedContact, em: EntityManager): Promise<ContactDataScope> {
    // Chats that claimed the contact's own address typed the person's data; other claimants of an
    // address the contact only claimed may be anyone, so a claim reaches only itself.
    const ownAddress = contact.email;
    const claims = ownAddress
      ? ((await em.query(`SELECT id, claimed_email AS email, phone FROM contacts WHERE claimed_email = $1 AND id <> $2`, [ownAddress, contact.id])) as Array<{
          id: string;
          email: string | null;
          phone: string | null;
        }>)
      : [];
    const contactIds = [contact.id, ...claims.map((claim) => claim.id)];
    const tickets = (await em.query(`SELECT id, channel, conversation_ref FROM tickets WHERE contact_id = ANY($1::uuid[]) ORDER BY created_at`, [contactIds])) as Array<{
      id: string;
      channel: string;
      conversation_ref: string | null;
    }>;
    const ticketIds = tickets.map((ticket) => ticket.id);
    const messages = (await em.query(`SELECT id FROM messages WHERE ticket_id = ANY($1::uuid[]) OR author_contact_id = ANY($2::uuid[]) ORDER BY created_at`, [
      ticketIds,
      contactIds,
    ])) as Array<{ id: string }>;
    const present = (values: Array<string | null>): string[] => [...new Set(values.filter((value): value is string => Boolean(value)))];
    return {
      contact,
      contactIds,
      ticketIds,
      messageIds: messages.map((message) => message.id),
      conversationIds: present(tickets.map((ticket) => (ticket.channel === 'chat' ? ticket.conversation_ref : null))),
      emails: present([contact.email, contact.claimedEmail, ...claims.map((claim) => claim.email)].map((email) => email?.toLowerCase() ?? null)),
      phones: present([contact.phone, ...claims.map((claim) => claim.phone)]),
    };
  }

  /** Names, addresses, numbers and RFCs the person is known by anywhere in the ticket domain. */
  async details(scope: ContactDataScope, em: EntityManager): Promise<PersonDetails> {
    const contacts = (await em.query(`SELECT name, email, claimed_email, phone, rfc FROM contacts WHERE id = ANY($1::uuid[])`, [scope.contactIds])) as Array<
      Record<'name' | 'email' | 'claimed_email' | 'phone' | 'rfc', string | null>
    >;
    const authors = (await em.query(`SELECT DISTINCT author_name, from_address FROM messages WHERE id = ANY($1::uuid[]) AND author_type = 'contact'`, [
      scope.messageIds,
    ])) as Array<{ author_name: string | null; from_address: string | null }>;
    const rfcs = (await em.query(`SELECT DISTINCT jsonb_array_elements_text(cfdi -> 'rfc') AS rfc FROM tickets WHERE id = ANY($1::uuid[]) AND jsonb_typeof(cfdi -> 'rfc') = 'array'`, [
      scope.ticketIds,
    ])) as Array<{ rfc: string }>;
    const callers = (await em.query(`SELECT DISTINCT caller FROM phone_calls WHERE (ticket_id = ANY($1::uuid[]) OR message_id = ANY($2::uuid[])) AND caller IS NOT NULL`, [
      scope.ticketIds,
      scope.messageIds,
    ])) as Array<{ caller: string }>;
    return {
      names: [...contacts.map((row) => row.name), ...authors.map((row) => row.author_name)],
      emails: [...contacts.flatMap((row) => [row.email, row.claimed_email]), ...authors.map((row) => row.from_address)],
      phones: [...contacts.map((row) => row.phone), ...callers.map((row) => row.caller)],
      others: [...contacts.map((row) => row.rfc), ...rfcs.map((row) => row.rfc)],
    };
  }

  /** Provider ids of the person's call recordings (the audio stays with the provider until deleted there). */
  async recordingSids(scope: ContactDataScope, em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `SELECT DISTINCT recording_sid FROM phone_calls
        WHERE (ticket_id = ANY($1::uuid[]) OR message_id = ANY($2::uuid[]) OR caller = ANY($3::text[])) AND recording_sid IS NOT NULL
        ORDER BY recording_sid`,
      [scope.ticketIds, scope.messageIds, scope.phones],
    )) as Array<{ recording_sid: string }>;
    return rows.map((row) => row.recording_sid);
  }
}
