import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Who did something to personal data: an administrator, or Ventanilla itself (retention). */
export type AuditActor = { type: 'agent'; id: string; name: string } | { type: 'system' };

export interface AuditEventInput {
  /** `contact_exported`, `contact_erased`, `retention_applied`. */
  action: string;
  subjectType: 'contact' | 'retention';
  subjectId: string;
  actor: AuditActor;
  /** What was done, in numbers (rows by table) and settings; never the personal data itself. */
  details: Record<string, unknown>;
}

export interface AuditEventRow {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

interface AuditEventRecord {
  id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

const toRow = (record: AuditEventRecord): AuditEventRow => ({
  id: String(record.id),
  action: record.action,
  subjectType: record.subject_type,
  subjectId: record.subject_id,
  actorType: record.actor_type,
  actorId: record.actor_id,
  actorName: record.actor_name,
  details: record.details,
  createdAt: record.created_at,
});

/** The append-only log of what was done with personal data (a trigger refuses changes, an erasure's too). */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(event: AuditEventInput, em: EntityManager = this.dataSource.manager): Promise<AuditEventRow> {
    const actor = event.actor.type === 'agent' ? event.actor : { id: null, name: null };
    const rows = (await em.query(
      `INSERT INTO audit_events (action, subject_type, subject_id, actor_type, actor_id, actor_name, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [event.action, event.subjectType, event.subjectId, event.actor.type, actor.id, actor.name, JSON.stringify(event.details)],
    )) as AuditEventRecord[];
    return toRow(rows[0]!);
  }

  async listForSubject(subjectType: string, subjectId: string, em: EntityManager = this.dataSource.manager): Promise<AuditEventRow[]> {
    const rows = (await em.query(`SELECT * FROM audit_events WHERE subject_type = $1 AND subject_id = $2 ORDER BY id`, [subjectType, subjectId])) as AuditEventRecord[];
    return rows.map(toRow);
  }
}
