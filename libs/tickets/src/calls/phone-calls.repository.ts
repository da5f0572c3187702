import { Injectable } from '@nestjs/common';
import type { CallTicket, CallTicketFinder } from '@app/channels';
import { DataSource, type EntityManager } from 'typeorm';
import { entityFromRow } from '@app/platform';
import { insertStatement, returnedRows, updateStatement, type SqlStatement } from '../database/combined-statements.repository.js';
import { WriteBehind } from '../database/write-behind.js';
import { PhoneCallEntity } from '../entities/phone-call.entity.js';
import { SEVERITY_MEANINGS_ES, type Severity } from '../severity/severity.js';
import { callConfirmationKey, TICKET_CONFIRMATION_KEY_PREFIX } from '../outbound/confirmation-keys.js';

/** A call's update held with its intake group's other writes. */
interface HeldCallUpdate {
  callSid: string;
  patch: Partial<PhoneCallEntity>;
}

const likePrefix = (prefix: string): string => `${prefix.replace(/[%_\\]/g, (char) => `\\${char}`)}%`;

@Injectable()
export class PhoneCallsRepository implements CallTicketFinder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  /**
   * The call's row, locked until the transaction ends (one call's callbacks apply one at a time); a
   * call not seen yet is inserted with `initial` (what its first callback says), so that callback
   * need not update it. `inserted` tells which.
   */
  async lock(callSid: string, initial: Partial<PhoneCallEntity>, em: EntityManager): Promise<{ row: PhoneCallEntity; inserted: boolean }> {
    // An earlier callback of this call in the same group may hold its update (other calls' stay held).
    if (this.writeBehind.pending<HeldCallUpdate>('phone_calls', em).some((held) => held.callSid === callSid)) await this.writeBehind.flush(em, ['phone_calls']);
    // One round trip: ON CONFLICT DO UPDATE row-locks the existing row as SELECT ... FOR UPDATE
    // would (waiting for a concurrent callback's transaction), and returns the row, new or not.
    const insert = insertStatement(em, PhoneCallEntity, [{ ...initial, callSid }]);
    const [raw] = await returnedRows(em, {
      sql: `${insert.sql} ON CONFLICT (call_sid) DO UPDATE SET call_sid = EXCLUDED.call_sid RETURNING *, (xmax = 0) AS inserted`,
      params: insert.params,
    });
    return { row: entityFromRow(em.connection, PhoneCallEntity, raw!), inserted: raw!.inserted === true };
  }

  /** Through a holding transaction (an intake group) the update waits for the group's flush. */
  async update(callSid: string, patch: Partial<PhoneCallEntity>, em: EntityManager): Promise<void> {
    await this.writeBehind.write<HeldCallUpdate>('phone_calls', [{ callSid, patch }], (rows, db) => updateStatements(db, rows), em);
  }

  /**
   * Callbacks of a call stored but not applied yet, other than its status callbacks (which wait for
   * them), by the dedupe-key prefixes the phone channel gives its callbacks.
   */
  async hasPendingCallbacks(keyPrefixes: { all: string; status: string }, exceptInboundId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM inbound_items
        WHERE channel = 'phone' AND status = 'pending' AND id <> $1 AND dedupe_key LIKE $2 AND dedupe_key NOT LIKE $3
        LIMIT 1`,
      [exceptInboundId, likePrefix(keyPrefixes.all), likePrefix(keyPrefixes.status)],
    );
    return rows.length > 0;
  }

  /** The ticket the call landed on, once the worker has put it there. */
  async findCallTicket(callSid: string): Promise<CallTicket | null> {
    // The call's SMS is written with the ticket (the outbox), under the keys CustomerNotifier gives it:
    // a new ticket's confirmation, or a joined call's own; none when the loop guard suppressed it.
    // One that already failed for good (a landline, a number that refuses SMS) or was held will not
    // come: the caller is asked to note the number instead.
    const rows: Array<{ number: string; severity: number; joined: boolean; sms_follows: boolean }> = await this.dataSource.query(
      `SELECT t.number, t.severity, (t.conversation_ref IS DISTINCT FROM c.call_sid) AS joined,
              EXISTS (SELECT 1 FROM outbound_deliveries d
                       WHERE d.ticket_id = t.id AND d.kind = 'confirmation' AND d.channel = 'phone'
                         AND d.status IN ('pending', 'sent')
                         AND d.dedupe_key IN ($2::text || t.id::text, $3::text)) AS sms_follows
         FROM phone_calls c JOIN tickets t ON t.id = c.ticket_id
        WHERE c.call_sid = $1`,
      [callSid, TICKET_CONFIRMATION_KEY_PREFIX, callConfirmationKey(callSid)],
    );
    const row = rows[0];
    if (!row) return null;
    const severity = row.severity as Severity;
    return { number: row.number, severity, severityMeaning: SEVERITY_MEANINGS_ES[severity], joinedExisting: row.joined, smsFollows: row.sms_follows };
  }

  /** The customer must be called back while any call on the ticket is a missed one nobody returned. */
  async refreshCallbackFlag(ticketId: string, em: EntityManager): Promise<void> {
    await this.writeBehind.flush(em, ['phone_calls']);
    await em.query(
      `UPDATE tickets SET callback_requested = EXISTS (SELECT 1 FROM phone_calls WHERE ticket_id = $1 AND missed AND called_back_at IS NULL),
              updated_at = now()
        WHERE id = $1`,
      [ticketId],
    );
  }

  /** A merge: the calls of `fromTicketId` now belong to `toTicketId`, and so does any call back owed. */
  async moveToTicket(fromTicketId: string, toTicketId: string, em: EntityManager): Promise<void> {
    await this.writeBehind.flush(em, ['phone_calls']);
    await em.query(`UPDATE phone_calls SET ticket_id = $2 WHERE ticket_id = $1`, [fromTicketId, toTicketId]);
    await this.refreshCallbackFlag(fromTicketId, em);
    await this.refreshCallbackFlag(toTicketId, em);
  }

  /**
   * An agent called the customer back: the ticket's missed calls so far are answered. Raw SQL, and
   * the column is not on the entity, so the intake's saves of a call never write it back as null.
   */
  async markCalledBack(ticketId: string, em: EntityManager): Promise<void> {
    await this.writeBehind.flush(em, ['phone_calls']);
    await em.query(`UPDATE phone_calls SET called_back_at = now() WHERE ticket_id = $1 AND missed AND called_back_at IS NULL`, [ticketId]);
    await this.refreshCallbackFlag(ticketId, em);
  }

  /** Calls that ended during the greeting and are on no ticket (see CallIntake), newest first. */
  listUnplacedMissed(limit: number): Promise<UnplacedMissedCall[]> {
    return this.dataSource.query(
      `SELECT call_sid AS "callSid", caller, call_status AS "callStatus", call_duration_seconds AS "durationSeconds",
              created_at AS "startedAt", ended_at AS "endedAt", called_back_at AS "calledBackAt"
         FROM phone_calls
        WHERE ticket_id IS NULL AND missed AND caller IS NOT NULL
        ORDER BY created_at DESC
        LIMIT $1`,
      [limit],
    );
  }

  /** An agent returned a missed call that is on no ticket; false when there is no such call (or it was returned already). */
  async markUnplacedCalledBack(callSid: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE phone_calls SET called_back_at = now() WHERE call_sid = $1 AND ticket_id IS NULL AND missed AND called_back_at IS NULL`,
      [callSid],
    )) as [unknown, number];
    return count > 0;
  }
}

/** A missed call kept without a ticket. */
export interface UnplacedMissedCall {
  callSid: string;
  caller: string;
  callStatus: string | null;
  durationSeconds: number | null;
  startedAt: Date;
  endedAt: Date | null;
  calledBackAt: Date | null;
}

/** One UPDATE per call, its held patches merged in order (a later value wins). */
function updateStatements(em: EntityManager, rows: HeldCallUpdate[]): SqlStatement[] {
  const merged = new Map<string, Partial<PhoneCallEntity>>();
  for (const { callSid, patch } of rows) merged.set(callSid, { ...merged.get(callSid), ...patch });
  return [...merged].map(([callSid, patch]) => updateStatement(em, PhoneCallEntity, patch, { callSid }));
}
