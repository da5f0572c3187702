import type { MigrationInterface, QueryRunner } from 'typeorm';

const VECTOR = `to_tsvector('spanish', left(coalesce(NEW.subject, '') || ' ' || NEW.text, 200000))`;

/**
 * The full-text vector of a message is kept only for what people wrote (customers and agents), not
 * for our automated messages: the search never reads theirs (`NOT m.automated`, so "Severidad 3"
 * in a confirmation finds no ticket), and building it and its GIN entries cost Postgres about 90 µs
 * per automated message: a new ticket writes one or two at once (its confirmation, a verification
 * mail), more later (status updates, the survey).
 *
 * The generated column becomes a plain one filled by a trigger: `DROP EXPRESSION` keeps every stored
 * vector and rewrites nothing (changing a generated column's expression would rewrite the whole
 * table under an exclusive lock). The trigger does not run for an automated row being inserted (it
 * has no vector); it runs for every other insert and for any change of the words, so an edit or an
 * erasure (ARCO) rebuilds a person's vector and empties one an automated row kept from before.
 * Automated rows written before this keep their vector until then: unread, only space (see
 * docs/operations.md to reclaim it).
 */
export class MessageSearchForPeopleOnly1764547200000 implements MigrationInterface {
  name = 'MessageSearchForPeopleOnly1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE messages ALTER COLUMN search DROP EXPRESSION`);
    await db.query(`
      CREATE FUNCTION messages_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search := CASE WHEN NEW.automated THEN NULL ELSE ${VECTOR} END;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER messages_search_vector
        BEFORE INSERT OR UPDATE OF subject, text, automated, search ON messages
        FOR EACH ROW WHEN (NOT NEW.automated OR NEW.search IS NOT NULL)
        EXECUTE FUNCTION messages_search_vector()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER messages_search_vector ON messages`);
    await db.query(`DROP FUNCTION messages_search_vector()`);
    // A generated column cannot be made from a plain one in place: added again (a rewrite), with its index.
    await db.query(`ALTER TABLE messages DROP COLUMN search`);
    await db.query(`
      ALTER TABLE messages ADD COLUMN search tsvector
        GENERATED ALWAYS AS (to_tsvector('spanish', left(coalesce(subject, '') || ' ' || text, 200000))) STORED`);
    await db.query(`CREATE INDEX messages_search_idx ON messages USING gin (search)`);
  }
}
