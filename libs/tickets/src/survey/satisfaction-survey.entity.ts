import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@app/channels';
import type { Tier } from '../domain.js';

/** The survey a resolved ticket's customer gets: one per ticket, answered once (a comment may follow the rating). */
@Entity('satisfaction_surveys')
export class SatisfactionSurveyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  /** The customer's channel when the ticket was resolved. */
  @Column({ type: 'text' })
  channel!: Channel;

  /** The tier that resolved it. */
  @Column({ type: 'text' })
  tier!: Tier;

  /** The agent who resolved it. */
  @Column({ name: 'agent_id', type: 'uuid', nullable: true })
  agentId!: string | null;

  /** The outbound message that carries the survey (its link is put in only when sent). */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  /** 1 (very bad) to 5 (excellent); null until answered. */
  @Column({ type: 'smallint', nullable: true })
  rating!: number | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
