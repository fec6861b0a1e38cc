import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPostgresStore, openSqliteStore, type Store } from '@relais/store';

export interface StoreFlags {
  /** Data directory for the embedded SQLite database. */
  data: string;
  /** PostgreSQL URL; when set, the data directory holds nothing. */
  pg?: string | undefined;
}

export const DEFAULT_DATA_DIR = './relais-data';
export const SQLITE_FILE = 'relais.sqlite';

/** Opens and migrates the store the flags name. */
export async function openConfiguredStore(flags: StoreFlags): Promise<Store> {
  let store: Store;
  if (flags.pg !== undefined) {
    store = openPostgresStore({ url: flags.pg });
  } else {
    mkdirSync(flags.data, { recursive: true });
    store = openSqliteStore({ file: path.join(flags.data, SQLITE_FILE) });
  }
  await store.migrate();
  return store;
}
