import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../contract/store-contract.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { openPostgresStore } from './postgres-store.ts';

// Set in .ci/run; locally e.g. RELAIS_PG_URL=postgres://postgres@127.0.0.1:5432/test npm test.
const url = process.env['RELAIS_PG_URL'];
// One fresh schema for this file, dropped at the end.
const schema = `relais_test_${randomBytes(6).toString('hex')}`;

async function dropSchema(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

if (url !== undefined && url !== '') {
  afterAll(() => dropSchema(url));
  describeStoreContract('PostgresStore', (now) => openPostgresStore({ url, schema, now }));

  describe('PostgresStore on its server', () => {
    it('prepares a statement on the server once it has run three times, not before', async () => {
      const db = PostgresDatabase.open({ url, schema, poolSize: 1 });
      const prepared = async (): Promise<string[]> =>
        (
          await db.all<{ statement: string }>(
            "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'relais_%'",
          )
        ).map((row) => row.statement);
      const lookup = 'SELECT ?::int8 + 1 AS n';
      for (let run = 1; run <= 2; run++)
        expect(await db.get(lookup, [run])).toEqual({ n: run + 1 });
      expect(await prepared()).toEqual([]);
      for (let run = 3; run <= 5; run++)
        expect(await db.get(lookup, [run])).toEqual({ n: run + 1 });
      // (The listing itself has run twice: not yet.)
      expect(await prepared()).toEqual(['SELECT $1::int8 + 1 AS n']);
      await db.close();
    });

    it('returns int8 columns as numbers from its own pool only', async () => {
      const store = openPostgresStore({ url, schema });
      await store.migrate();
      expect(typeof (await store.lastSeqs('nobody')).event).toBe('number');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ n: unknown }>('SELECT 1::int8 AS n');
      await client.end();
      expect(rows[0]?.n).toBe('1');
      await store.close();
    });
  });
} else if (process.env['CI'] === 'true') {
  describe('PostgresStore', () => {
    it('runs in CI: RELAIS_PG_URL must be set (see .ci/run)', () => {
      expect.fail('RELAIS_PG_URL is not set, so the PostgreSQL contract suite cannot run in CI');
    });
  });
} else {
  describe.skip('PostgresStore (set RELAIS_PG_URL to run)', () => {
    it('conforms to the Store port', () => undefined);
  });
}
