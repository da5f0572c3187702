import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RECORDING_DELETED_TEXT } from '../calls/call-message.js';
import { RECORDING_DELETED } from '../calls/call-state.js';

export interface ForgottenRecordings {
  ticketId: string;
  /** The calls whose recording link was forgotten, with the provider's id of each recording. */
  calls: Array<{ callSid: string; recordingSid: string | null }>;
}

/** Links to call recordings of tickets resolved long enough ago: forgotten everywhere they were written. */
@Injectable()
export class RecordingRetentionRepository {
  /**
   * The calls of these tickets forget their recording's link (status `deleted`), their card on the
   * timeline says so instead, and the raw callbacks that carried it are dropped (the log's entries:
   * TicketEventRedactionRepository). In the caller's transaction.
   */
  async forget(ticketIds: string[], em: EntityManager): Promise<ForgottenRecordings[]> {
    if (ticketIds.length === 0) return [];
    const [calls] = (await em.query(
      `WITH gone AS (
         SELECT call_sid, message_id, recording_url FROM phone_calls
          WHERE ticket_id = ANY($1::uuid[]) AND recording_url IS NOT NULL FOR UPDATE
       ), cards AS (
         UPDATE messages m SET text = replace(m.text, gone.recording_url, $2) FROM gone WHERE m.id = gone.message_id RETURNING m.id
       )
       UPDATE phone_calls c SET recording_url = NULL, recording_status = $3, updated_at = now()
         FROM gone WHERE c.call_sid = gone.call_sid
       RETURNING c.ticket_id, c.call_sid, c.recording_sid`,
      [ticketIds, RECORDING_DELETED_TEXT, RECORDING_DELETED],
    )) as [Array<{ ticket_id: string; call_sid: string; recording_sid: string | null }>, number];
    await em.query(
      `UPDATE inbound_items SET raw = NULL
        WHERE channel = 'phone' AND raw IS NOT NULL
          AND (ticket_id = ANY($1::uuid[]) OR id IN (SELECT inbound_item_id FROM messages WHERE ticket_id = ANY($1::uuid[]) AND inbound_item_id IS NOT NULL))`,
      [ticketIds],
    );
    return ticketIds.map((ticketId) => ({
      ticketId,
      calls: calls.filter((call) => call.ticket_id === ticketId).map((call) => ({ callSid: call.call_sid, recordingSid: call.recording_sid })),
    }));
  }
}
