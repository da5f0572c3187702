import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A live chat conversation. Its id is the `conversationRef` of the ticket its first message opens;
 * the customer resumes it with a token of which only the SHA-256 is stored.
 */
@Entity('chat_conversations')
export class ChatConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** SHA-256 of the client id of the first message: a retransmitted start finds this conversation. */
  @Column({ name: 'start_key', type: 'text' })
  startKey!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  rfc!: string | null;

  /** Sequence of the newest transcript entry. */
  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt!: Date;
}
