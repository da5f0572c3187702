import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deliveries by the message they send: a bounce is matched to the delivery of the Message-ID it quotes. */
export class DeliveryMessageIndex1764491100000 implements MigrationInterface {
  name = 'DeliveryMessageIndex1764491100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX outbound_deliveries_message_idx ON outbound_deliveries (message_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX outbound_deliveries_message_idx`);
  }
}
