import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MacroStatus } from './canned-variables.js';

/**
 * A canned response every agent may insert in the reply box (`{{cliente}}`-style variables filled in
 * the inbox); with `setStatus` or `setSeverity` it is a macro: sending it also changes the ticket.
 */
@Entity('canned_responses')
export class CannedResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'set_status', type: 'text', nullable: true })
  setStatus!: MacroStatus | null;

  @Column({ name: 'set_severity', type: 'smallint', nullable: true })
  setSeverity!: number | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
