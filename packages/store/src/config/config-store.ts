import { StoreError } from '../errors.ts';
import type { ConfigKind, ConfigRecord, PageOptions, PutOptions } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation, type SqlExecutor } from '../sql/executor.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, isoTime, pageSize, toJson } from '../sql/values.ts';
import { configTable, scopeValues } from './config-tables.ts';

/** Reads and writes that may run inside a caller's transaction (appendLog's group commit). */
type ExecutorContext = { db: SqlExecutor; now: () => Date };

const PAGE_DEFAULT = 1000;
const PAGE_CAP = 1000;

interface ConfigRow {
  id: string;
  version: number;
  data: string;
  created_at: string | Date;
  updated_at: string | Date;
}

const COLUMNS = 'id, version, data, created_at, updated_at';

const toRecord = <T>(row: ConfigRow): ConfigRecord<T> => ({
  id: row.id,
  version: row.version,
  data: fromJson<T>(row.data),
  createdAt: isoTime(row.created_at),
  updatedAt: isoTime(row.updated_at),
});

export async function listConfig<T>(
  { db }: StoreContext,
  tenantId: string,
  kind: ConfigKind,
  page: PageOptions = {},
): Promise<ConfigRecord<T>[]> {
  const { name } = configTable(kind);
  const rows = await db.all<ConfigRow>(
    `SELECT ${COLUMNS} FROM ${name} WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`,
    [tenantId, page.after ?? '', pageSize(page.limit, PAGE_DEFAULT, PAGE_CAP)],
  );
  return rows.map((row) => toRecord<T>(row));
}

export async function getConfig<T>(
  { db }: ExecutorContext,
  tenantId: string,
  kind: ConfigKind,
  id: string,
): Promise<ConfigRecord<T> | undefined> {
  const { name } = configTable(kind);
  const row = await db.get<ConfigRow>(
    `SELECT ${COLUMNS} FROM ${name} WHERE tenant_id = ? AND id = ?`,
    [tenantId, id],
  );
  return row && toRecord<T>(row);
}

/**
 * Creates (version 1) or replaces (version + 1). The update is guarded by the version read, so a
 * concurrent writer makes this one fail with VersionConflict instead of being overwritten.
 */
export async function putConfig<T>(
  context: ExecutorContext,
  tenantId: string,
  kind: ConfigKind,
  id: string,
  data: T,
  options: PutOptions = {},
): Promise<ConfigRecord<T>> {
  const table = configTable(kind);
  const json = toJson(data, `${kind} ${id}`);
  const scope = scopeValues(table, data);
  const current = await getConfig<T>(context, tenantId, kind, id);
  // `actual` is unknown when another writer got in between our read and our write.
  const conflict = (actual?: number) =>
    new StoreError(
      'VersionConflict',
      `${kind} ${id} ${actual === undefined ? 'changed meanwhile' : `is at version ${actual}`}`,
      { kind, id, expected: options.expectedVersion, actual },
    );
  const expected = options.expectedVersion;
  if (expected !== undefined && expected !== (current?.version ?? 0)) {
    throw conflict(current?.version ?? 0);
  }
  const at = isoTime(context.now());
  const scopeSet = Object.keys(table.scopeColumns).map((column) => `, ${column} = ?`);
  if (current !== undefined) {
    const changed = await context.db.run(
      `UPDATE ${table.name} SET version = version + 1, data = ?, updated_at = ?${scopeSet.join('')}
       WHERE tenant_id = ? AND id = ? AND version = ?`,
      [json, at, ...scope, tenantId, id, current.version],
    );
    if (changed === 0) throw conflict();
    const stored = fromJson<T>(json);
    return {
      id,
      version: current.version + 1,
      data: stored,
      createdAt: current.createdAt,
      updatedAt: at,
    };
  }
  const columns = ['tenant_id', 'id', 'version', 'data', 'created_at', 'updated_at'];
  columns.push(...Object.keys(table.scopeColumns));
  try {
    await forTenant(tenantId, () =>
      context.db.insertMany(table.name, columns, [[tenantId, id, 1, json, at, at, ...scope]]),
    );
  } catch (error) {
    // Someone created it between our read and our insert.
    if (isViolation(error, 'unique')) throw conflict();
    throw error;
  }
  return { id, version: 1, data: fromJson<T>(json), createdAt: at, updatedAt: at };
}

export async function deleteConfig(
  { db }: { db: SqlExecutor },
  tenantId: string,
  kind: ConfigKind,
  id: string,
): Promise<boolean> {
  const { name } = configTable(kind);
  return (await db.run(`DELETE FROM ${name} WHERE tenant_id = ? AND id = ?`, [tenantId, id])) > 0;
}
