import { readMigrations } from '../migrations/migration-files.ts';
import { SqlStore } from '../sql/sql-store.ts';
import { PostgresDatabase, quoteIdentifier, type PostgresOptions } from './postgres-database.ts';

export interface PostgresStoreOptions extends PostgresOptions {
  now?: () => Date;
}

/** PostgreSQL through a `pg` pool; tables live in `schema` when one is given. */
export class PostgresStore extends SqlStore {
  private readonly schema: string | undefined;

  constructor({ now = () => new Date(), ...options }: PostgresStoreOptions) {
    super(PostgresDatabase.open(options), readMigrations('postgres'), now);
    this.schema = options.schema;
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
