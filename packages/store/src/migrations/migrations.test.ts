import { describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import { checkMigrationOrder, migrate } from './migrate.ts';
import { readMigrations, type Migration } from './migration-files.ts';

const now = () => new Date('2026-03-02T09:00:00Z');
const migration = (version: number): Migration => ({
  version,
  name: `step_${version}`,
  sql: `CREATE TABLE t${version} (id INTEGER)`,
});

describe('migration files', () => {
  it.each(['sqlite', 'postgres'] as const)('%s: numbered 1, 2, 3… with no gap', (dialect) => {
    const migrations = readMigrations(dialect);
    expect(migrations.length).toBeGreaterThan(0);
    expect(() => checkMigrationOrder(migrations)).not.toThrow();
  });

  it('are the same versions, with the same names, in both dialects', () => {
    const names = (dialect: 'sqlite' | 'postgres') =>
      readMigrations(dialect).map(({ version, name }) => `${version}_${name}`);
    expect(names('postgres')).toEqual(names('sqlite'));
  });
});

describe('migrate', () => {
  it('refuses a list with a gap or a repeat', () => {
    for (const versions of [[1, 3], [1, 1, 2], [2]]) {
      expect(() => checkMigrationOrder(versions.map(migration))).toThrow(
        expect.objectContaining({ code: 'MigrationOrder' }),
      );
    }
  });

  it('applies pending migrations in order, and nothing the second time', async () => {
    const db = SqliteDatabase.open({ file: ':memory:' });
    expect(await migrate(db, [1, 2].map(migration), now)).toEqual([1, 2]);
    expect(await migrate(db, [1, 2].map(migration), now)).toEqual([]);
    expect(await migrate(db, [1, 2, 3].map(migration), now)).toEqual([3]);
    const rows = await db.all('SELECT version, name, applied_at FROM schema_migrations');
    expect(rows).toHaveLength(3);
    await db.close();
  });

  it('applies a failing batch of migrations not at all', async () => {
    const db = SqliteDatabase.open({ file: ':memory:' });
    const broken = { ...migration(2), sql: 'CREATE TABLE oops (' };
    await expect(migrate(db, [migration(1), broken], now)).rejects.toThrow();
    expect(
      await db.all("SELECT name FROM sqlite_schema WHERE name IN ('t1', 'schema_migrations')"),
    ).toEqual([]);
    await db.close();
  });

  it('refuses a database that has a migration this code does not know', async () => {
    const db = SqliteDatabase.open({ file: ':memory:' });
    await migrate(db, [1, 2].map(migration), now);
    await expect(migrate(db, [migration(1)], now)).rejects.toMatchObject({
      code: 'MigrationOrder',
    });
    await db.close();
  });
});
