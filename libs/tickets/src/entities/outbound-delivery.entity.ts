import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, OutboundKind } from '@app/channels';

/** What a delivery is: the channels' outbound kinds (`verification`: see ContactVerificationEntity). */
export type DeliveryKind = OutboundKind;

/** `held`: there is no way to send it (e.g. SMTP not configured); it stays visible on the ticket. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'held'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Transactional outbox: an outgoing message (already on the timeline) owed to a customer, written
 * in the same transaction as the change that owes it, then sent by the outbound queue.
 * `dedupeKey` makes "one confirmation per ticket" a database guarantee.
 */
@Entity('outbound_deliveries')
export class OutboundDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  /** The outbound message to send; its external id (e.g. Message-ID) is fixed before the first attempt. */
  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text' })
  kind!: DeliveryKind;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  /** Email address, phone number or chat conversation the delivery goes to. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** When the first attempt began; set, a later attempt may find the message already at the provider. */
  @Column({ name: 'send_started_at', type: 'timestamptz', nullable: true })
  sendStartedAt!: Date | null;

  /** While in the future, an attempt is sending it: nobody else may (see `OutboundDeliveriesRepository.startSending`). */
  @Column({ name: 'sending_until', type: 'timestamptz', nullable: true })
  sendingUntil!: Date | null;
}
