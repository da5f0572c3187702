import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AgentRole, Tier } from '../domain.js';

/** A member of Interfactura's support: L1 Help Desk, L2 Operations or L3 Development. */
@Entity('agents')
export class AgentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text' })
  tier!: Tier;

  @Column({ type: 'text' })
  role!: AgentRole;

  /** Deactivated agents cannot sign in and their tokens stop working. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Carried by every access token; raised when the password changes or the agent is deactivated, which ends its sessions. */
  @Column({ name: 'session_generation', type: 'integer', default: 0 })
  sessionGeneration!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
