import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a resolved ticket may still hold that retention removes. */
export type RetainedContent = 'attachments' | 'recordings';

const STILL_HOLDS: Record<RetainedContent, string> = {
  attachments: `EXISTS (SELECT 1 FROM messages m JOIN attachments a ON a.message_id = m.id WHERE m.ticket_id = t.id AND a.content IS NOT NULL)
                OR EXISTS (SELECT 1 FROM inbound_items i WHERE i.ticket_id = t.id AND i.channel = 'email' AND i.raw IS NOT NULL)
                OR EXISTS (SELECT 1 FROM messages m JOIN attachments a ON a.message_id = m.id JOIN inbound_items i ON i.id = m.inbound_item_id
                            WHERE m.ticket_id = t.id AND i.channel = 'chat' AND i.raw IS NOT NULL)`,
  recordings: `EXISTS (SELECT 1 FROM phone_calls c WHERE c.ticket_id = t.id AND c.recording_url IS NOT NULL)`,
};

/** Tickets whose content has outlived its retention. */
@Injectable()
export class ExpiredTicketsRepository {
  /**
   * Up to `limit` tickets resolved before `cutoff` that still hold `content`, oldest resolution
   * first, locked for the caller's transaction; tickets another worker holds are skipped.
   */
  async claim(content: RetainedContent, cutoff: Date, limit: number, em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `SELECT t.id FROM tickets t
        WHERE t.status = 'resolved' AND t.resolved_at < $1 AND (${STILL_HOLDS[content]})
        ORDER BY t.resolved_at
        LIMIT $2
        FOR UPDATE OF t SKIP LOCKED`,
      [cutoff, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }
}
