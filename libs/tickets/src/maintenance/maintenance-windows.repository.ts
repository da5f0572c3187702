import { Injectable } from '@nestjs/common';
import { CachedRead } from '@app/platform';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { MaintenanceWindowEntity } from './maintenance-window.entity.js';

/** Windows change a few times a year but are read for every new ticket: re-read at most this often. */
const CACHE_MS = 2_000;
/** Windows that ended longer ago than this no longer move any deadline worth recomputing. */
const LOOKBACK_MS = 30 * 24 * 3_600_000;

@Injectable()
export class MaintenanceWindowsRepository {
  private readonly cache = new CachedRead(CACHE_MS, () => this.read(this.dataSource.manager));

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Announced (not cancelled) windows that end after `from`: the ones that can pause a clock.
   * With `em` the read is fresh and sees the caller's transaction (scheduling recomputes with the
   * new window); without, it may be up to 2 s old.
   */
  async endingAfter(from: Date, em?: EntityManager): Promise<MaintenanceWindowEntity[]> {
    return (await this.windows(em)).filter((window) => window.endsAt > from);
  }

  /** The window going on at `at`, if any (may be up to 2 s old). */
  async activeAt(at: Date): Promise<MaintenanceWindowEntity | null> {
    return (await this.windows()).find((window) => window.startsAt <= at && window.endsAt > at) ?? null;
  }

  /** The latest windows, newest first (what administrators see). */
  listRecent(limit: number): Promise<MaintenanceWindowEntity[]> {
    return this.dataSource.manager.find(MaintenanceWindowEntity, { order: { startsAt: 'DESC' }, take: limit });
  }

  getById(id: string): Promise<MaintenanceWindowEntity> {
    return this.dataSource.manager.findOneByOrFail(MaintenanceWindowEntity, { id });
  }

  /** Makes schedulings take turns until the transaction ends (rules compare a new window with the others). */
  async lockScheduling(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('ventanilla:maintenance'))`);
  }

  /** Every window not cancelled, past ones included. */
  findNotCancelled(em: EntityManager): Promise<MaintenanceWindowEntity[]> {
    return em.find(MaintenanceWindowEntity, { where: { cancelledAt: IsNull() } });
  }

  /** Windows not cancelled whose reminder has not gone out (past ones too: the caller filters). */
  findAwaitingReminder(): Promise<MaintenanceWindowEntity[]> {
    return this.dataSource.manager.find(MaintenanceWindowEntity, { where: { cancelledAt: IsNull(), reminderSentAt: IsNull() } });
  }

  insert(window: Pick<MaintenanceWindowEntity, 'startsAt' | 'endsAt' | 'description' | 'createdBy'>, em: EntityManager): Promise<MaintenanceWindowEntity> {
    return em.save(MaintenanceWindowEntity, em.create(MaintenanceWindowEntity, window));
  }

  lock(id: string, em: EntityManager): Promise<MaintenanceWindowEntity | null> {
    return em.findOne(MaintenanceWindowEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, patch: Partial<Pick<MaintenanceWindowEntity, 'cancelledAt' | 'reminderSentAt'>>, em: EntityManager): Promise<void> {
    await em.update(MaintenanceWindowEntity, { id }, patch);
  }

  /** Forget what was read (this process just scheduled or cancelled a window). */
  invalidate(): void {
    this.cache.invalidate();
  }

  private windows(em?: EntityManager): Promise<MaintenanceWindowEntity[]> {
    return em ? this.read(em) : this.cache.get();
  }

  private read(em: EntityManager): Promise<MaintenanceWindowEntity[]> {
    return em.find(MaintenanceWindowEntity, {
      where: { cancelledAt: IsNull(), endsAt: MoreThan(new Date(Date.now() - LOOKBACK_MS)) },
      order: { startsAt: 'ASC' },
    });
  }
}
