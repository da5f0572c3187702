import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deferConstraints, undeferConstraints, type Constraints } from './constraint-deferral.js';

/** The references to contacts: a chat's claimed contact is written last by its intake group (WriteBehind). */
const DEFERRED: Constraints = [
  ['tickets', 'tickets_contact_id_fkey'],
  ['messages', 'messages_author_contact_id_fkey'],
];

/**
 * An intake group holds the contacts it creates for claimed addresses (each chat start makes one)
 * and writes them with one multi-row INSERT before it commits, after the tickets and messages that
 * name them: those references are checked at commit instead of at each statement. What is checked
 * is unchanged.
 */
export class DeferredContactReferences1764522000000 implements MigrationInterface {
  name = 'DeferredContactReferences1764522000000';

  async up(db: QueryRunner): Promise<void> {
    await deferConstraints(db, DEFERRED);
  }

  async down(db: QueryRunner): Promise<void> {
    await undeferConstraints(db, DEFERRED);
  }
}
