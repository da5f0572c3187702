import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket numbers past IF-999999. The first version padded the sequence's value with
 * `lpad(…, 6, '0')`, which also cuts a longer value to six characters: ticket 1,000,000 would have
 * been numbered IF-100000, a number already given, and every ticket after it would have failed on
 * the unique number (found by the bench, whose seeded history ran its sequence past a million).
 * Numbers keep at least six digits and now grow past them, as INTERFACE.md allows (`\d{4,}`).
 */
export class TicketNumbersPastAMillion1764532800000 implements MigrationInterface {
  name = 'TicketNumbersPastAMillion1764532800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION next_ticket_number() RETURNS text LANGUAGE sql AS
      $$ SELECT 'IF-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('ticket_number_seq') AS n $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION next_ticket_number() RETURNS text LANGUAGE sql AS
      $$ SELECT 'IF-' || lpad(nextval('ticket_number_seq')::text, 6, '0') $$`);
  }
}
