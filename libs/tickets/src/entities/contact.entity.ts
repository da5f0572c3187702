import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One person across channels: the same contact whether they mail, chat or call. */
@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** Lower-cased; unique when present. An address the channel itself proved (mail came from it). */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /**
   * An address someone typed (a chat's email) and nobody has proved yet: it finds no contact and
   * changes none. Set only while `email` is null; cleared when the owner follows the mailed link.
   */
  @Column({ name: 'claimed_email', type: 'text', nullable: true })
  claimedEmail!: string | null;

  /** E.164; unique when present. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  rfc!: string | null;

  /** Set when a permanent bounce says mail to this address cannot be delivered. */
  @Column({ name: 'email_undeliverable_at', type: 'timestamptz', nullable: true })
  emailUndeliverableAt!: Date | null;

  @Column({ name: 'email_undeliverable_reason', type: 'text', nullable: true })
  emailUndeliverableReason!: string | null;

  /** Set when an administrator erased the person's data (ARCO): the row stays, anonymous, for its tickets. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** True unless the contact's only address is an unproven claim (email and phone contacts are proven by their channel). */
export function isVerifiedContact(contact: Pick<ContactEntity, 'claimedEmail'>): boolean {
  return contact.claimedEmail === null;
}

/** Where mail reaches the contact: the proven address, or else the claimed one (a chat's replies may also go by mail). */
export function mailAddressOf(contact: Pick<ContactEntity, 'email' | 'claimedEmail'>): string | null {
  return contact.email ?? contact.claimedEmail;
}
