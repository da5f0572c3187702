import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CallChoice } from '@app/channels';

/** One phone call: what its callbacks told, merged, and the ticket it landed on. */
@Entity('phone_calls')
export class PhoneCallEntity {
  /** The provider's id of the call (Twilio CallSid). */
  @PrimaryColumn({ name: 'call_sid', type: 'text' })
  callSid!: string;

  @Column({ type: 'text', nullable: true })
  caller!: string | null;

  @Column({ type: 'text', nullable: true })
  called!: string | null;

  /** Set once, when the call is put on a ticket; never moves afterwards. */
  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId!: string | null;

  /** The call's card on the ticket's timeline. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  choice!: CallChoice | null;

  @Column({ name: 'recording_sid', type: 'text', nullable: true })
  recordingSid!: string | null;

  @Column({ name: 'recording_url', type: 'text', nullable: true })
  recordingUrl!: string | null;

  @Column({ name: 'recording_duration_seconds', type: 'integer', nullable: true })
  recordingDurationSeconds!: number | null;

  @Column({ name: 'recording_status', type: 'text', nullable: true })
  recordingStatus!: string | null;

  @Column({ name: 'transcription_sid', type: 'text', nullable: true })
  transcriptionSid!: string | null;

  @Column({ name: 'transcription_text', type: 'text', nullable: true })
  transcriptionText!: string | null;

  @Column({ name: 'transcription_status', type: 'text', nullable: true })
  transcriptionStatus!: string | null;

  @Column({ name: 'call_status', type: 'text', nullable: true })
  callStatus!: string | null;

  @Column({ name: 'call_duration_seconds', type: 'integer', nullable: true })
  callDurationSeconds!: number | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** Ended without a message: the ticket asks for a call back while any of its calls is missed. */
  @Column({ type: 'boolean', default: false })
  missed!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
