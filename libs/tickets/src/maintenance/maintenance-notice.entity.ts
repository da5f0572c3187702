import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MaintenanceNoticeKind = 'announcement' | 'reminder' | 'cancellation';

/** Outbox of maintenance notices to customers: one per window, kind and address or number. */
@Entity('maintenance_notices')
export class MaintenanceNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'window_id', type: 'uuid' })
  windowId!: string;

  @Column({ type: 'text' })
  kind!: MaintenanceNoticeKind;

  @Column({ type: 'text' })
  recipient!: string;

  /** By mail, or by SMS to a customer known only by their number. */
  @Column({ type: 'text', default: 'email' })
  channel!: 'email' | 'phone';

  @Column({ type: 'text' })
  status!: 'pending' | 'sent' | 'failed' | 'held';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
