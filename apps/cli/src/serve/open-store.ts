import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPostgresStore, openSqliteStore, type Store } from '@relais/store';
import { FlagError } from '../workload/flags.ts';

export interface StoreFlags {
  /** Data directory for the embedded SQLite database. */
  data: string;
  /** PostgreSQL URL; when set, the data directory holds nothing. */
  pg?: string | undefined;
  /** PostgreSQL schema for the tables (created if missing); the server's default is `public`. */
  pgSchema?: string | undefined;
}

export const DEFAULT_DATA_DIR = './relais-data';
export const SQLITE_FILE = 'relais.sqlite';

/** Opens and migrates the store the flags name. */
export async function openConfiguredStore(flags: StoreFlags): Promise<Store> {
  let store: Store;
  if (flags.pg !== undefined) {
    store = openPostgresStore({
      url: flags.pg,
      ...(flags.pgSchema === undefined ? {} : { schema: flags.pgSchema }),
    });
  } else {
    mkdirSync(flags.data, { recursive: true });
    // The log's commits on a worker thread: their fsync never stalls the server.
    // RELAIS_SQLITE_LOG_WRITER=inline keeps them on the main thread (to compare).
    const logWriter = process.env.RELAIS_SQLITE_LOG_WRITER === 'inline' ? 'inline' : 'worker';
    store = openSqliteStore({ file: path.join(flags.data, SQLITE_FILE), logWriter });
  }
  await store.migrate();
  return store;
}

/** Reads --pg and --pg-schema, checking both. */
export function pgFlags(values: { pg?: string | undefined; 'pg-schema'?: string | undefined }): {
  pg: string | undefined;
  pgSchema: string | undefined;
} {
  const pg = values.pg;
  if (pg !== undefined && !/^postgres(ql)?:\/\//.test(pg)) {
    throw new FlagError(
      `--pg: expected a postgres:// URL, got '${pg}'. For example: --pg postgres://postgres@127.0.0.1:5432/relais`,
    );
  }
  const schema = values['pg-schema'];
  if (schema !== undefined && (pg === undefined || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))) {
    throw new FlagError(
      pg === undefined
        ? '--pg-schema needs --pg'
        : `--pg-schema: expected a lowercase identifier (letters, digits, _), got '${schema}'`,
    );
  }
  return { pg, pgSchema: schema };
}

/** The usage lines of the database flags, shared by the commands that open the store. */
export const DATABASE_FLAGS = `  --data DIR        data directory for SQLite (default ${DEFAULT_DATA_DIR}, or RELAIS_DATA)
  --pg URL          PostgreSQL connection URL instead of SQLite
  --pg-schema NAME  PostgreSQL schema for Relais's tables (default public)`;
