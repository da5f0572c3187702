import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { ContactsRepository, type MovedTicket } from '../contacts.repository.js';
import { isVerifiedContact, type ContactEntity } from '../entities/contact.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { renderVerificationMail } from '../notifications/verification.template.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { TicketChangePublisher } from '../realtime/ticket-change-publisher.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { ContactVerificationsRepository } from './contact-verifications.repository.js';
import { VerificationLinks } from './verification-links.js';
import { hashVerificationToken, isWellFormedVerificationToken, verificationState } from './verification-rules.js';

/** What a verification link is worth now (the page shows it), or what following it did. */
export type VerificationOutcome =
  | { state: 'unknown' }
  | { state: 'valid' | 'used' | 'expired'; email: string }
  | { state: 'verified'; email: string; joinedExisting: boolean; tickets: string[] };

/**
 * Proves a chat's claimed email by a link mailed to it. Until then the chat has a contact of its own
 * (see ContactsRepository.createUnverified); following the link merges it into the contact that owns
 * the address, or makes it that contact when there is none.
 */
@Injectable()
export class IdentityVerificationService {
  private readonly logger = new Logger(IdentityVerificationService.name);

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly verifications: ContactVerificationsRepository,
    private readonly links: VerificationLinks,
    private readonly notifier: CustomerNotifier,
    private readonly events: TicketEventsRepository,
    private readonly changes: TicketChangePublisher,
  ) {}

  /** Queues the verification mail for an unverified contact's new ticket, in the intake's transaction. */
  async request(ticket: TicketEntity, contact: ContactEntity, em: EntityManager): Promise<{ deliveryId?: string; sentTo?: string }> {
    if (isVerifiedContact(contact) || !contact.claimedEmail) return {};
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.verificationLinkTtlMinutes * 60_000);
    const content = renderVerificationMail({ ticketNumber: ticket.number, email: contact.claimedEmail, expiresAt });
    const queued = await this.notifier.queueVerification(ticket, contact, contact.claimedEmail, content, id, em);
    if (!queued.deliveryId) return {};
    const tokenHash = hashVerificationToken(await this.links.tokenFor(id));
    await this.verifications.insert(
      { id, contactId: contact.id, ticketId: ticket.id, email: contact.claimedEmail, tokenHash, messageId: queued.message.id, expiresAt },
      em,
    );
    return { deliveryId: queued.deliveryId, sentTo: contact.claimedEmail };
  }

  /** What the link is worth, without using it (a mail scanner's GET must not verify). */
  async inspect(token: unknown): Promise<VerificationOutcome> {
    if (!isWellFormedVerificationToken(token)) return { state: 'unknown' };
    const link = await this.verifications.findByTokenHash(hashVerificationToken(token));
    return link ? { state: verificationState(link, new Date()), email: link.email } : { state: 'unknown' };
  }

  /** Uses the link: once, before it expires. */
  async verify(token: unknown): Promise<VerificationOutcome> {
    if (!isWellFormedVerificationToken(token)) return { state: 'unknown' };
    const tokenHash = hashVerificationToken(token);
    let result: { outcome: VerificationOutcome; moved: MovedTicket[] };
    try {
      result = await this.verifyOnce(tokenHash);
    } catch (error) {
      // Mail from the address created its contact meanwhile: the second try merges into it.
      if (!(error instanceof QueryFailedError) || (error.driverError as { code?: string }).code !== '23505') throw error;
      result = await this.verifyOnce(tokenHash);
    }
    for (const ticket of result.moved) this.changes.publish({ number: ticket.number, tiers: [ticket.tier], kind: 'updated' });
    return result.outcome;
  }

  private verifyOnce(tokenHash: string): Promise<{ outcome: VerificationOutcome; moved: MovedTicket[] }> {
    return this.dataSource.transaction(async (em) => {
      const link = await this.verifications.lockByTokenHash(tokenHash, em);
      if (!link) return { outcome: { state: 'unknown' }, moved: [] };
      const state = verificationState(link, new Date());
      if (state !== 'valid') return { outcome: { state, email: link.email }, moved: [] };
      const claim = await this.contacts.lock(link.contactId, em);
      if (!claim || isVerifiedContact(claim)) return { outcome: { state: 'used', email: link.email }, moved: [] };
      const owner = await this.contacts.findOwnerOfEmail(link.email, em);
      const moved = owner ? await this.contacts.absorbClaim(claim, owner, em) : await this.contacts.promoteClaim(claim, em);
      const contactId = owner?.id ?? claim.id;
      await this.verifications.markUsed(link.id, contactId, em);
      const data = { email: link.email, via: 'email_link', joinedExisting: Boolean(owner), contactId, previousContactId: claim.id };
      for (const ticket of moved) await this.events.append(ticket.id, [{ type: 'contact_verified', actorType: 'contact', actorId: contactId, data }], em);
      this.logger.log(`claimed address verified for ${moved.map((ticket) => ticket.number).join(', ') || 'no ticket'}${owner ? ' (joined its contact)' : ''}`);
      return { outcome: { state: 'verified', email: link.email, joinedExisting: Boolean(owner), tickets: moved.map((ticket) => ticket.number) }, moved };
    });
  }
}
