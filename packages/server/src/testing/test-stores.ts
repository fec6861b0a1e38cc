// The stores a server test runs on: SQLite always, PostgreSQL (a schema of its own, dropped at
// the end) when RELAIS_PG_URL is set. In CI it must be set.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgresStore, openSqliteStore, type Store } from '@relais/store';

const PG_URL = process.env['RELAIS_PG_URL'];

export type TestBackend = 'SQLite' | 'PostgreSQL';

export const TEST_BACKENDS: readonly TestBackend[] =
  PG_URL === undefined || PG_URL === '' ? ['SQLite'] : ['SQLite', 'PostgreSQL'];

/** True when PostgreSQL should have been tested but RELAIS_PG_URL is missing. */
export const POSTGRES_MISSING_IN_CI =
  process.env['CI'] === 'true' && !TEST_BACKENDS.includes('PostgreSQL');

/** A fresh, unmigrated store (the harness migrates and closes it); `dispose` removes its data. */
export function openTestStore(backend: TestBackend): {
  store: Store;
  dispose: () => Promise<void>;
} {
  if (backend === 'SQLite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-store-'));
    return {
      store: openSqliteStore({ file: path.join(dir, 'relais.sqlite') }),
      dispose: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const url = PG_URL ?? '';
  const schema = `relais_test_${randomBytes(6).toString('hex')}`;
  return {
    store: openPostgresStore({ url, schema }),
    dispose: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
