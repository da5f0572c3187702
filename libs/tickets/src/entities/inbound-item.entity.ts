import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@app/channels';

export const INBOUND_STATUSES = ['pending', 'done', 'skipped', 'rejected', 'failed'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/**
 * What a channel received, stored raw before the source is acknowledged. The worker turns it into
 * a ticket or message; the sweeper re-enqueues items still pending, so a lost queue loses nothing.
 */
@Entity('inbound_items')
export class InboundItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  /** Identity of the item at its source (Message-ID + sender, CallSid...): unique per channel. */
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  /** Where it came from, for people (e.g. "INBOX uid 42"). */
  @Column({ name: 'source_ref', type: 'text', nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  raw!: Buffer | null;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** Sender and subject as seen at the source, so rejected items can be listed without parsing. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary!: { from?: string; subject?: string };

  @Column({ type: 'text' })
  status!: InboundStatus;

  /** What became of it: "ticket_created", "message_added", or the reason of a skip or rejection. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  /** The intake job that carries it (null: stored before job ids were kept, its job is `singleIngestJobId`). */
  @Column({ name: 'queue_job_id', type: 'text', nullable: true })
  queueJobId!: string | null;
}
