import { readMigrations } from '../migrations/migration-files.ts';
import type { LogBatch } from '../port.ts';
import { SqlStore } from '../sql/sql-store.ts';
import { appendLogInOneCall } from './append-log-call.ts';
import { PostgresDatabase, quoteIdentifier, type PostgresOptions } from './postgres-database.ts';

export interface PostgresStoreOptions extends PostgresOptions {
  now?: () => Date;
}

/** PostgreSQL through a `pg` pool; tables live in `schema` when one is given. */
export class PostgresStore extends SqlStore {
  private readonly schema: string | undefined;
  private readonly postgres: PostgresDatabase;

  constructor({ now = () => new Date(), ...options }: PostgresStoreOptions) {
    const db = PostgresDatabase.open(options);
    super(db, readMigrations('postgres'), now);
    this.postgres = db;
    this.schema = options.schema;
  }

  override appendLog(tenantId: string, batch: LogBatch): Promise<void> {
    // Configuration writes need the transaction of several statements; they are rare.
    if ((batch.config ?? []).length > 0) return super.appendLog(tenantId, batch);
    return appendLogInOneCall(this.postgres, tenantId, batch, this.context.now());
  }

  override async migrate(): Promise<void> {
    // The pool's search_path names the schema; it must exist before anything is created in it.
    if (this.schema !== undefined) {
      await this.db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(this.schema)}`);
    }
    await super.migrate();
  }
}

/** Opens a PostgreSQL store (connecting lazily); call `migrate()` before use. */
export function openPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}
