import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Column, DataSource, Entity, PrimaryColumn, VersionColumn, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ContactEntity } from '../entities/contact.entity.js';
import { ContactVerificationEntity } from '../entities/contact-verification.entity.js';
import { MessageEntity } from '../entities/message.entity.js';
import { OutboundDeliveryEntity } from '../entities/outbound-delivery.entity.js';
import { PhoneCallEntity } from '../entities/phone-call.entity.js';
import { TicketEventEntity } from '../entities/ticket-event.entity.js';
import { TicketEntity } from '../entities/ticket.entity.js';
import { insertStatement, updateStatement } from './combined-statements.repository.js';
import { TICKETS_ENTITIES } from './entities.js';

/** TypeORM's own composition of the same statement: what the composer must match, text and values. */
function builderInsert(em: EntityManager, target: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]) {
  const [sql, params] = em.createQueryBuilder().insert().into(target).values(rows).getQueryAndParameters();
  return { sql, params };
}

/** A row kind the composer does not write as the builder would: TypeORM sets its version itself. */
@Entity('versioned_rows')
class VersionedRowEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  text!: string;

  @VersionColumn()
  version!: number;
}

describe('insertStatement and updateStatement', () => {
  let em: EntityManager;

  beforeAll(async () => {
    // Metadata only: the builders compose SQL without a connection.
    const dataSource = new DataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none', entities: [...TICKETS_ENTITIES, VersionedRowEntity] });
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    em = dataSource.manager;
  });

  it('should write an INSERT exactly as TypeORM builds it, for every table an intake group holds', () => {
    const at = new Date('2026-12-06T10:00:00Z');
    const cases: Array<[EntityTarget<ObjectLiteral>, ObjectLiteral[]]> = [
      [
        MessageEntity,
        [
          { id: '0b6f1c2e-0000-4000-8000-000000000001', ticketId: 't1', direction: 'inbound', channel: 'chat', externalId: 'x', authorType: 'contact', text: 'Hola', threadRefs: ['<a@b>'] },
          { ticketId: 't2', direction: 'outbound', channel: 'email', externalId: 'y', authorType: 'system', text: 'Ticket', authorContactId: null, createdAt: at },
        ],
      ],
      [TicketEventEntity, [{ ticketId: 't1', type: 'created', actorType: 'system', data: { severity: 2, reasons: ['a'] } }, { ticketId: 't1', type: 'x', actorType: 'agent', actorId: 'a1', data: {} }]],
      [ContactEntity, [{ id: 'c1', email: 'ana@cliente.example.mx', name: null }, { phone: '+528112345678' }]],
      [ContactVerificationEntity, [{ id: 'v1', contactId: 'c1', ticketId: 't1', email: 'a@b.mx', tokenHash: 'h', expiresAt: at }]],
      [OutboundDeliveryEntity, [{ ticketId: 't1', messageId: 'm1', channel: 'phone', recipient: '+528112345678', dedupeKey: 'k', kind: 'confirmation', status: 'pending' }]],
      [TicketEntity, [{ contactId: 'c1', channel: 'email', subject: 'Falla', severity: 1, severityReasons: ['caído'], attentionDueAt: at, solutionDueAt: at }]],
    ];
    for (const [target, rows] of cases) expect(insertStatement(em, target, rows)).toEqual(builderInsert(em, target, rows));
  });

  it('should write an UPDATE as TypeORM builds it, its update date set unless the patch sets it', () => {
    const patch = { ticketId: 't1', endedAt: new Date('2026-12-06T10:00:00Z'), recordingUrl: null, missed: false };
    const [sql, params] = em.createQueryBuilder().update(PhoneCallEntity).set(patch).where({ callSid: 'CA1' }).getQueryAndParameters();
    expect(updateStatement(em, PhoneCallEntity, patch, { callSid: 'CA1' })).toEqual({ sql, params });
    expect(updateStatement(em, PhoneCallEntity, { missed: true, updatedAt: new Date(0) }, { callSid: 'CA2' }).sql).toBe(
      'UPDATE "phone_calls" SET "missed" = $1, "updated_at" = $2 WHERE "call_sid" = $3',
    );
  });

  it('should refuse an entity whose columns TypeORM writes on its own (a version column)', () => {
    expect(() => insertStatement(em, VersionedRowEntity, [{ id: 'x', text: 'y' }])).toThrow(/VersionedRowEntity.version: statements are composed for plain columns only/);
    expect(() => updateStatement(em, VersionedRowEntity, { text: 'z' }, { id: 'x' })).toThrow(/plain columns only/);
  });
});
