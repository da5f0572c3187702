import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A secret the app generated for itself and shares between its processes (e.g. the token key). */
@Entity('app_secrets')
export class AppSecretEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
