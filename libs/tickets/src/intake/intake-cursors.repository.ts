import { Injectable } from '@nestjs/common';
import type { MailboxCursorStore } from '@app/channels';
import { DataSource, type QueryDeepPartialEntity } from 'typeorm';
import { IntakeCursorEntity } from '../entities/intake-cursor.entity.js';

@Injectable()
/** Where polling sources (the mailbox reader) keep how far they have read; the apps wire it as `MAILBOX_CURSOR_STORE`. */
export class IntakeCursorsRepository implements MailboxCursorStore {
  constructor(private readonly dataSource: DataSource) {}

  async get<T extends Record<string, unknown>>(source: string): Promise<T | undefined> {
    const row = await this.dataSource.manager.findOne(IntakeCursorEntity, { where: { source } });
    return row?.cursor as T | undefined;
  }

  async set(source: string, cursor: Record<string, unknown>): Promise<void> {
    await this.dataSource.manager.upsert(
      IntakeCursorEntity,
      { source, cursor: cursor as QueryDeepPartialEntity<Record<string, unknown>> },
      ['source'],
    );
  }
}
