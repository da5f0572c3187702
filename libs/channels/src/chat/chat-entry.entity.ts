import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const CHAT_ENTRY_TYPES = ['customer:message', 'ticket:confirmed', 'agent:message', 'survey:request'] as const;
export type ChatEntryType = (typeof CHAT_ENTRY_TYPES)[number];

/** One line of a chat transcript as the widget shows it, numbered by the conversation's sequence. */
@Entity('chat_entries')
export class ChatEntryEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  type!: ChatEntryType;

  /** `client:<id>` for a customer's message, `message:<external id>` for one of ours: unique per conversation. */
  @Column({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
