import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { commitTogether, runTogether, type SqlStatement } from './combined-statements.repository.js';

/** The tables whose rows a holding transaction keeps back, in the order a flush writes them. */
const HELD_TABLES = ['contacts', 'messages', 'outbound_deliveries', 'contact_verifications', 'incident_tickets', 'phone_calls', 'ticket_events'] as const;
export type HeldTable = (typeof HELD_TABLES)[number];

/** The statements that write rows of one table, all at once (what they return is not used). */
export type RowsStatements<Row> = (rows: Row[], em: EntityManager) => SqlStatement[];

interface HeldRows {
  rows: unknown[];
  statements: RowsStatements<unknown>;
}

/**
 * Group commit's write-behind: rows written through a holding transaction (an intake group) wait
 * here and go to Postgres when it flushes, every held table in one statement (one data-modifying
 * CTE each), so a group of N items pays one round trip for what would be N per table. Only rows
 * nobody else can race for are held (the contacts of claimed addresses, new messages, deliveries
 * with fresh keys, links of new tickets, events, and the update of a call's row, which the group
 * has locked); the references to them are checked at commit (migrations DeferredMessageReferences
 * and DeferredContactReferences).
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
  async write<Row>(table: HeldTable, rows: Row[], statements: RowsStatements<Row>, em: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const tables = this.held.get(em);
    if (!tables) {
      await runTogether(statements(rows, em), em, false);
      return;
    }
    const entry = tables.get(table) ?? { rows: [], statements: statements as RowsStatements<unknown> };
    entry.rows.push(...rows);
    tables.set(table, entry);
  }

  /** The rows of one table held for `em` and not written yet. */
  pending<Row>(table: HeldTable, em: EntityManager): readonly Row[] {
    return (this.held.get(em)?.get(table)?.rows ?? []) as Row[];
  }

  /** Writes what is held for `em` so far (of `only` these tables); later writes are held again until `release`. */
  async flush(em: EntityManager, only: readonly HeldTable[] = HELD_TABLES): Promise<void> {
    await runTogether(this.take(em, only), em, false);
  }

  /**
   * Writes what is held, with `last` in the same statement, and stops holding: call it before the
   * transaction commits. Resolves with the rows `last` returns.
   */
  async release(em: EntityManager, last?: SqlStatement): Promise<Array<Record<string, unknown>>> {
    const statements = [...this.take(em, HELD_TABLES), ...(last ? [last] : [])];
    this.held.delete(em);
    return runTogether(statements, em, last !== undefined);
  }

  /**
   * Writes what is held with `last`, in one statement that fails unless `last` returned
   * `expectedRows` rows, and the COMMIT of `em`'s pipelined transaction, in one round trip
   * (`commitTogether`); stops holding.
   */
  async releaseAndCommit(em: EntityManager, last: SqlStatement, expectedRows: number, what: string): Promise<void> {
    const statements = [...this.take(em, HELD_TABLES), last];
    this.held.delete(em);
    await commitTogether(statements, em, expectedRows, what);
  }

  private take(em: EntityManager, only: readonly HeldTable[]): SqlStatement[] {
    const tables = this.held.get(em);
    if (!tables) return [];
    const statements: SqlStatement[] = [];
    for (const table of HELD_TABLES) {
      const entry = tables.get(table);
      if (!only.includes(table) || !entry || entry.rows.length === 0) continue;
      statements.push(...entry.statements(entry.rows, em));
      entry.rows = [];
    }
    return statements;
  }
}
