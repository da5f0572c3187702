import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row of raw SQL (what a data-modifying CTE returns, which TypeORM's builders
 * cannot map): each column by its database name, as the entity's metadata says.
 */
export function entityFromRow<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  return fromColumns(dataSource.getMetadata(target), row, '');
}

const selectLists = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * The select list of every selectable column of an entity read under `alias`, each named
 * `<alias>_<column>`, for raw SQL that reads several entities in one row (a join): the columns
 * `entityFromAliasedRow` reads back. Built once per entity and alias.
 */
export function aliasedColumns(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): string {
  const metadata = dataSource.getMetadata(target);
  const lists = selectLists.get(metadata) ?? new Map<string, string>();
  selectLists.set(metadata, lists);
  let list = lists.get(alias);
  if (list === undefined) {
    list = metadata.columns
      .filter((column) => column.isSelect)
      .map((column) => `${alias}."${column.databaseName}" AS "${alias}_${column.databaseName}"`)
      .join(', ');
    lists.set(alias, list);
  }
  return list;
}

/** The entity read under `alias` from a row selected with `aliasedColumns`. */
export function entityFromAliasedRow<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, alias: string, row: Record<string, unknown>): T {
  return fromColumns(dataSource.getMetadata(target), row, `${alias}_`);
}

function fromColumns<T extends ObjectLiteral>(metadata: EntityMetadata, row: Record<string, unknown>, prefix: string): T {
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const name = prefix + column.databaseName;
    if (name in row) column.setEntityValue(entity, row[name]);
  }
  return entity;
}
