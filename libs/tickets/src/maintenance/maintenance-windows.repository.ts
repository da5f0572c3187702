import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import { MaintenanceWindowEntity } from './maintenance-window.entity.js';

@Injectable()
export class MaintenanceWindowsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Announced (not cancelled) windows that end after `from`: the ones that can pause a clock. */
  endingAfter(from: Date, em: EntityManager = this.dataSource.manager): Promise<MaintenanceWindowEntity[]> {
    return em.find(MaintenanceWindowEntity, { where: { cancelledAt: IsNull(), endsAt: MoreThan(from) }, order: { startsAt: 'ASC' } });
  }

  /** The window going on at `at`, if any. */
  activeAt(at: Date, em: EntityManager = this.dataSource.manager): Promise<MaintenanceWindowEntity | null> {
    return em.findOne(MaintenanceWindowEntity, { where: { cancelledAt: IsNull(), startsAt: LessThanOrEqual(at), endsAt: MoreThan(at) } });
  }
}
