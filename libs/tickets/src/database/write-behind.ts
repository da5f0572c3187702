import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The tables whose rows a holding transaction keeps back, in the order a flush writes them. */
const HELD_TABLES = ['contacts', 'messages', 'outbound_deliveries', 'contact_verifications', 'incident_tickets', 'ticket_events'] as const;
export type HeldTable = (typeof HELD_TABLES)[number];

/** Writes rows of one table, all at once (what it resolves with is not used). */
export type RowsWriter<Row> = (rows: Row[], em: EntityManager) => Promise<unknown>;

interface HeldRows {
  rows: unknown[];
  write: RowsWriter<unknown>;
}

/**
 * Group commit's write-behind: rows written through a holding transaction (an intake group) wait
 * here and go to Postgres with one multi-row INSERT per table when it flushes, so a group of N items
 * pays one statement per table instead of N. Only rows nobody else can race for are held (the
 * contacts of claimed addresses, new messages, deliveries with fresh keys, links of new tickets,
 * events); the references to them are checked at commit (migrations DeferredMessageReferences and
 * DeferredContactReferences).
 *
 * A read that could need what the group wrote flushes first; the lookups that run for every item
 * (a message by its external id, a recipient's recent deliveries) look at `pending` and the
 * database instead, so they do not undo the grouping.
 */
@Injectable()
export class WriteBehind {
  private readonly held = new WeakMap<EntityManager, Map<HeldTable, HeldRows>>();

  /** From now until `release`, rows written through `em` (a transaction) are held. */
  hold(em: EntityManager): void {
    this.held.set(em, new Map());
  }

  isHolding(em: EntityManager): boolean {
    return this.held.has(em);
  }

  /** Holds the rows when `em` holds, else writes them now. */
  async write<Row>(table: HeldTable, rows: Row[], write: RowsWriter<Row>, em: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const tables = this.held.get(em);
    if (!tables) {
      await write(rows, em);
      return;
    }
    const entry = tables.get(table) ?? { rows: [], write: write as RowsWriter<unknown> };
    entry.rows.push(...rows);
    tables.set(table, entry);
  }

  /** The rows of one table held for `em` and not written yet. */
  pending<Row>(table: HeldTable, em: EntityManager): readonly Row[] {
    return (this.held.get(em)?.get(table)?.rows ?? []) as Row[];
  }

  /** Writes what is held for `em` so far (of `only` these tables); later writes are held again until `release`. */
  async flush(em: EntityManager, only: readonly HeldTable[] = HELD_TABLES): Promise<void> {
    const tables = this.held.get(em);
    if (!tables) return;
    for (const table of HELD_TABLES) {
      if (!only.includes(table)) continue;
      const entry = tables.get(table);
      if (!entry || entry.rows.length === 0) continue;
      const rows = entry.rows;
      entry.rows = [];
      await entry.write(rows, em);
    }
  }

  /** Writes what is held and stops holding: call it before the transaction commits. */
  async release(em: EntityManager): Promise<void> {
    await this.flush(em);
    this.held.delete(em);
  }
}
