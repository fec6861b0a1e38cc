import path from 'node:path';
import { readMigrations } from '../migrations/migration-files.ts';
import { SqlStore } from '../sql/sql-store.ts';
import { SqliteDatabase, type SqliteOptions } from './sqlite-database.ts';

export interface SqliteStoreOptions extends SqliteOptions {
  /** The clock for created/updated times (tests pin it). */
  now?: () => Date;
}

/** The embedded default: one SQLite file (WAL mode, foreign keys on). */
export class SqliteStore extends SqlStore {
  constructor({ now = () => new Date(), ...options }: SqliteStoreOptions) {
    super(SqliteDatabase.open(options), readMigrations('sqlite'), now);
  }
}

/** The database file of a data directory. */
export const sqliteFileIn = (dataDir: string): string => path.join(dataDir, 'relais.sqlite');

/** Opens (creating when absent) a SQLite store; call `migrate()` before use. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}
