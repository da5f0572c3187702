import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a polling source (a mailbox) has read up to, so a restart neither skips nor repeats. */
@Entity('intake_cursors')
export class IntakeCursorEntity {
  @PrimaryColumn({ type: 'text' })
  source!: string;

  @Column({ type: 'jsonb' })
  cursor!: Record<string, unknown>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
