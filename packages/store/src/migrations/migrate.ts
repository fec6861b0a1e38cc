import { StoreError } from '../errors.ts';
import type { SqlDatabase } from '../sql/executor.ts';
import type { Migration } from './migration-files.ts';

/** Throws StoreError 'MigrationOrder' unless the versions are 1, 2, 3, … with no gap or repeat. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new StoreError('MigrationOrder', `migration ${migration.name} should be ${index + 1}`, {
        expected: index + 1,
        found: migration.version,
      });
    }
  });
}

// Two servers starting together must not both apply a migration.
const POSTGRES_LOCK = `SELECT pg_advisory_xact_lock(hashtext('relais.migrate.' || current_schema()))`;

/**
 * Applies the migrations the database lacks, in order, in one transaction, recording each in
 * schema_migrations. A database that knows a version this code does not is refused.
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[],
  now: () => Date,
): Promise<number[]> {
  checkMigrationOrder(migrations);
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.get(POSTGRES_LOCK);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`,
    );
    const applied = await tx.all<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    applied.forEach(({ version }, index) => {
      if (version !== index + 1 || version > migrations.length) {
        throw new StoreError('MigrationOrder', `database has migration ${version}, unknown here`, {
          version,
          known: migrations.length,
        });
      }
    });
    const pending = migrations.slice(applied.length);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now().toISOString(),
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}
