import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deferConstraints, undeferConstraints, type Constraints } from './constraint-deferral.js';

/** The references to messages and deliveries, which an intake group writes last (WriteBehind). */
const DEFERRED: Constraints = [
  ['attachments', 'attachments_message_id_fkey'],
  ['outbound_deliveries', 'outbound_deliveries_message_id_fkey'],
  ['phone_calls', 'phone_calls_message_id_fkey'],
  ['contact_verifications', 'contact_verifications_message_id_fkey'],
  ['incident_update_recipients', 'incident_update_recipients_delivery_id_fkey'],
];

/**
 * An intake group holds its messages and deliveries back and writes each table with one multi-row
 * INSERT before it commits, while a call's row already names its card's message: the references to
 * them are checked at commit instead of at each statement. What is checked is unchanged.
 */
export class DeferredMessageReferences1764518400000 implements MigrationInterface {
  name = 'DeferredMessageReferences1764518400000';

  async up(db: QueryRunner): Promise<void> {
    await deferConstraints(db, DEFERRED);
  }

  async down(db: QueryRunner): Promise<void> {
    await undeferConstraints(db, DEFERRED);
  }
}
