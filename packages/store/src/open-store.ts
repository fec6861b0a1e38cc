import type { Store } from './port.ts';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.ts';
import { openSqliteStore, sqliteFileIn, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';

/** PostgreSQL when a URL is given, else SQLite in a file or in `dataDir/relais.sqlite`. */
export type StoreOptions =
  | PostgresStoreOptions
  | SqliteStoreOptions
  | (Omit<SqliteStoreOptions, 'file'> & { dataDir: string });

/** Opens the store the options describe; call `migrate()` before use. */
export function openStore(options: StoreOptions): Store {
  if ('url' in options) return openPostgresStore(options);
  if ('file' in options) return openSqliteStore(options);
  const { dataDir, ...rest } = options;
  return openSqliteStore({ ...rest, file: sqliteFileIn(dataDir) });
}
