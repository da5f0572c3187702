import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MaintenanceNoticeKind = 'announcement' | 'reminder' | 'cancellation';

/** Outbox of maintenance mails to customers: one per window, kind and address. */
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
