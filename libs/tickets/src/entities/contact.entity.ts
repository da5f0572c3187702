import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One person across channels: the same contact whether they mail, chat or call. */
@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** Lower-cased; unique when present. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
