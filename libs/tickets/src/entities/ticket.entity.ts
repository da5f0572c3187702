import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Channel } from '@app/channels';
import type { SeveritySource, TicketStatus, Tier } from '../domain.js';
import type { CfdiDetails } from '../cfdi/cfdi-details.js';
import type { Severity } from '../severity/severity.js';
import { AgentEntity } from '../agents/agent.entity.js';
import { ContactEntity } from './contact.entity.js';

@Entity('tickets')
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** IF-000123, from the ticket_number_seq sequence; never reused. */
  @Column({ type: 'text', insert: false, update: false })
  number!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'smallint' })
  severity!: Severity;

  @Column({ name: 'severity_source', type: 'text' })
  severitySource!: SeveritySource;

  @Column({ name: 'severity_reasons', type: 'jsonb' })
  severityReasons!: string[];

  /** The classifier's probability for the severity it proposed (null when the customer chose it); kept when an agent sets another. */
  @Column({ name: 'severity_confidence', type: 'real', nullable: true })
  severityConfidence!: number | null;

  /** The model that proposed it (see data/severity); an agent's decision names it in its example. */
  @Column({ name: 'severity_model_version', type: 'text', nullable: true })
  severityModelVersion!: string | null;

  /** The classifier was unsure: L1 should confirm or change the severity ("revisar severidad"). */
  @Column({ name: 'severity_review', type: 'boolean', default: false })
  severityReview!: boolean;

  /** RFCs, folio fiscal UUIDs, SAT codes and attached CFDIs found in the customer's messages. */
  @Column({ type: 'jsonb', default: {} })
  cfdi!: Partial<CfdiDetails>;

  @Column({ type: 'text' })
  tier!: Tier;

  @Column({ type: 'text' })
  status!: TicketStatus;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId!: string;

  @ManyToOne(() => ContactEntity, { eager: false })
  @JoinColumn({ name: 'contact_id' })
  contact?: ContactEntity;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => AgentEntity, { eager: false })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: AgentEntity | null;

  /** Set when the ticket was merged into another one of the same customer. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  /** The inbound item that opened the ticket: one ticket per item, however often it is retried. */
  @Column({ name: 'source_inbound_id', type: 'uuid', nullable: true })
  sourceInboundId!: string | null;

  /** The conversation on its channel (a chat conversation id, a call SID): unique per channel. */
  @Column({ name: 'conversation_ref', type: 'text', nullable: true })
  conversationRef!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'attention_due_at', type: 'timestamptz' })
  attentionDueAt!: Date;

  @Column({ name: 'solution_due_at', type: 'timestamptz' })
  solutionDueAt!: Date;

  /** When the attention clock reaches its at-risk share (75 % by default), pauses included. */
  @Column({ name: 'attention_risk_at', type: 'timestamptz' })
  attentionRiskAt!: Date;

  @Column({ name: 'solution_risk_at', type: 'timestamptz' })
  solutionRiskAt!: Date;

  /** When the customer is owed the next status update; null when none is owed (severity 3, resolved). */
  @Column({ name: 'next_update_due_at', type: 'timestamptz', nullable: true })
  nextUpdateDueAt!: Date | null;

  /** Why the deadlines are what they are (Spanish, for agents). */
  @Column({ name: 'sla_explanation', type: 'text', nullable: true })
  slaExplanation!: string | null;

  /** The latest progress an agent wants the customer to read in the next status update. */
  @Column({ name: 'progress_note', type: 'text', nullable: true })
  progressNote!: string | null;

  @Column({ name: 'progress_note_at', type: 'timestamptz', nullable: true })
  progressNoteAt!: Date | null;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** A call on this ticket ended without a message: someone has to call the customer back. */
  @Column({ name: 'callback_requested', type: 'boolean', default: false })
  callbackRequested!: boolean;

  @Column({ name: 'last_customer_message_at', type: 'timestamptz', nullable: true })
  lastCustomerMessageAt!: Date | null;
}
