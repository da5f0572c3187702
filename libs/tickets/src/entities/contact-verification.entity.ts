import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A link mailed to a claimed address. Following it proves the address and merges the unverified
 * contact into the one that owns it. Single use, expiring; only the token's SHA-256 is stored.
 */
@Entity('contact_verifications')
export class ContactVerificationEntity {
  /** Chosen by us before the insert: the token is derived from it when the mail is sent. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The unverified contact (gone after the merge, so no foreign key). */
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  /** The claimed address the link was mailed to. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The outbound message (on the ticket's timeline, without the token) that carries the link. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** The contact the claim became (the existing owner of the address, or the promoted one). */
  @Column({ name: 'verified_contact_id', type: 'uuid', nullable: true })
  verifiedContactId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
