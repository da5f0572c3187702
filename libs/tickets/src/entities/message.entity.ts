import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@app/channels';
import type { AuthorType, MessageDirection } from '../domain.js';

/** One message on a ticket's timeline, in either direction, on any channel. */
@Entity('messages')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @Column({ type: 'text' })
  direction!: MessageDirection;

  @Column({ type: 'text' })
  channel!: Channel;

  /** The provider's id (Message-ID, chat client id, CallSid...): unique per channel. */
  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ name: 'author_type', type: 'text' })
  authorType!: AuthorType;

  @Column({ name: 'author_contact_id', type: 'uuid', nullable: true })
  authorContactId!: string | null;

  @Column({ name: 'author_agent_id', type: 'uuid', nullable: true })
  authorAgentId!: string | null;

  /** Display name of the author (an agent's name on replies). */
  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName!: string | null;

  /** Address or number the message came from (for threading by participant). */
  @Column({ name: 'from_address', type: 'text', nullable: true })
  fromAddress!: string | null;

  @Column({ type: 'boolean', default: false })
  internal!: boolean;

  /** True for automatic mail (auto-replies, bounces) attached to a ticket. */
  @Column({ type: 'boolean', default: false })
  automated!: boolean;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text' })
  text!: string;

  /** HTML already sanitised for display; never the raw HTML of the sender. */
  @Column({ name: 'html_sanitized', type: 'text', nullable: true })
  htmlSanitized!: string | null;

  @Column({ name: 'thread_refs', type: 'jsonb', default: () => "'[]'" })
  threadRefs!: string[];

  @Column({ name: 'inbound_item_id', type: 'uuid', nullable: true })
  inboundItemId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
