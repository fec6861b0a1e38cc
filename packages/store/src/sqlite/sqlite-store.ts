import path from 'node:path';
import { readMigrations } from '../migrations/migration-files.ts';
import { SqlStore } from '../sql/sql-store.ts';
import type { LogBatch, ReportFlush } from '../port.ts';
import { SqliteLogWriter } from './log-writer.ts';
import { SqliteDatabase, type SqliteOptions } from './sqlite-database.ts';

export interface SqliteStoreOptions extends SqliteOptions {
  /** The clock for created/updated times (tests pin it). */
  now?: () => Date;
  /**
   * 'worker': group commits and report flushes run on a worker thread with their own
   * connection, so their fsync does not block the caller's event loop (what the server uses). 'inline' (default):
   * everything on the caller's thread.
   */
  logWriter?: 'inline' | 'worker';
}

/** The embedded default: one SQLite file (WAL mode, foreign keys on). */
export class SqliteStore extends SqlStore {
  private readonly writer: SqliteLogWriter | undefined;

  constructor({ now = () => new Date(), logWriter = 'inline', ...options }: SqliteStoreOptions) {
    super(SqliteDatabase.open(options), readMigrations('sqlite'), now);
    if (logWriter === 'worker' && options.file !== ':memory:')
      this.writer = new SqliteLogWriter(options);
  }

  override appendLog(tenantId: string, batch: LogBatch): Promise<void> {
    if (this.writer === undefined) return super.appendLog(tenantId, batch);
    return this.writer.append(tenantId, batch, this.context.now());
  }

  override addReportFlush(tenantId: string, flush: ReportFlush): Promise<void> {
    if (this.writer === undefined) return super.addReportFlush(tenantId, flush);
    return this.writer.addReportFlush(tenantId, flush, this.context.now());
  }

  override async close(): Promise<void> {
    await this.writer?.close();
    await super.close();
  }
}

/** The database file of a data directory. */
export const sqliteFileIn = (dataDir: string): string => path.join(dataDir, 'relais.sqlite');

/** Opens (creating when absent) a SQLite store; call `migrate()` before use. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}
