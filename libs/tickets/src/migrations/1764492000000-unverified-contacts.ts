import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A chat's typed email is a claim: its contact keeps it in `claimed_email` (never in the unique,
 * proven `email`) until the owner of the address follows the link mailed to it.
 */
export class UnverifiedContacts1764492000000 implements MigrationInterface {
  name = 'UnverifiedContacts1764492000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contacts
        ADD COLUMN claimed_email text CHECK (claimed_email = lower(claimed_email)),
        ADD CONSTRAINT contacts_claim_or_proof CHECK (claimed_email IS NULL OR email IS NULL)`);
    await db.query(`CREATE INDEX contacts_claimed_email_idx ON contacts (claimed_email) WHERE claimed_email IS NOT NULL`);
    // The link's token is derived (HMAC) when the mail is sent; only its SHA-256 is kept here.
    await db.query(`
      CREATE TABLE contact_verifications (
        id uuid PRIMARY KEY,
        contact_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        email text NOT NULL CHECK (email = lower(email)),
        token_hash text NOT NULL UNIQUE,
        message_id uuid REFERENCES messages (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        verified_contact_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX contact_verifications_message_idx ON contact_verifications (message_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contact_verifications`);
    await db.query(`ALTER TABLE contacts DROP CONSTRAINT contacts_claim_or_proof, DROP COLUMN claimed_email`);
  }
}
