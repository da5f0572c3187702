import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Redaction inside the ticket log. The log is append-only (a trigger refuses changes); a
 * transaction that sets `ventanilla.redacting` may change an entry's data only, so what happened,
 * to which ticket, by whom and when stays as evidence for the SLA.
 */
@Injectable()
export class TicketEventRedactionRepository {
  /** The log entries that announced these calls' recordings forget the link. */
  async forgetRecordingLinks(ticketIds: string[], callSids: string[], em: EntityManager): Promise<number> {
    if (callSids.length === 0) return 0;
    await allowRedaction(em);
    // A call's entries stay on the ticket it first landed on, which a merge may have closed since.
    const [, changed] = (await em.query(
      `UPDATE ticket_events SET data = jsonb_set(data, '{url}', 'null')
        WHERE ticket_id IN (SELECT id FROM tickets WHERE id = ANY($1::uuid[]) OR merged_into_id = ANY($1::uuid[]))
          AND type = 'call_recording_received' AND data ->> 'callSid' = ANY($2::text[]) AND data ->> 'url' IS NOT NULL`,
      [ticketIds, callSids],
    )) as [unknown[], number];
    return changed;
  }

  /** Every entry of these tickets, for a redaction decided by the caller. */
  async listForTickets(ticketIds: string[], em: EntityManager): Promise<Array<{ id: string; data: Record<string, unknown> }>> {
    if (ticketIds.length === 0) return [];
    return (await em.query(`SELECT id::text, data FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) ORDER BY id`, [ticketIds])) as Array<{
      id: string;
      data: Record<string, unknown>;
    }>;
  }

  /** Replaces the data of these entries (ids and types stay). */
  async replaceData(entries: Array<{ id: string; data: Record<string, unknown> }>, em: EntityManager): Promise<number> {
    if (entries.length === 0) return 0;
    await allowRedaction(em);
    const [, changed] = (await em.query(
      `UPDATE ticket_events e SET data = v.data
         FROM jsonb_to_recordset($1::jsonb) AS v(id bigint, data jsonb)
        WHERE e.id = v.id`,
      [JSON.stringify(entries)],
    )) as [unknown[], number];
    return changed;
  }
}

/** The setting ends with the transaction. */
async function allowRedaction(em: EntityManager): Promise<void> {
  await em.query(`SELECT set_config('ventanilla.redacting', 'on', true)`);
}
