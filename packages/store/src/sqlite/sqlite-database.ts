import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ConstraintViolation,
  type SqlDatabase,
  type SqlExecutor,
  type SqlValue,
} from '../sql/executor.ts';
import { SerialQueue } from './serial-queue.ts';

export interface SqliteOptions {
  /** The database file (its folder is created), or ':memory:'. */
  file: string;
  /**
   * FULL (the default) syncs the WAL on every commit, so a commit that returned survives a power
   * cut. NORMAL syncs only at checkpoints: still crash-safe for the process, but the last commits
   * can be lost if the machine loses power.
   */
  synchronous?: 'full' | 'normal';
}

type Statement = Database.Statement<unknown[], unknown>;
const MAX_CACHED_STATEMENTS = 500;

/** Statements on one connection, with prepared statements cached by their SQL text. */
class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Statement>();

  constructor(protected readonly db: Database.Database) {}

  all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return attempt(() => this.prepare(sql).all(...bind(params)) as Row[]);
  }

  get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return attempt(() => this.prepare(sql).get(...bind(params)) as Row | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return attempt(() => this.prepare(sql).run(...bind(params)).changes);
  }

  insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    // One reused prepared statement per row: SQLite inserts are cheap inside a transaction.
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    return attempt(() => {
      const statement = this.prepare(sql);
      for (const row of rows) statement.run(...bind(row));
    });
  }

  exec(script: string): Promise<void> {
    return attempt(() => void this.db.exec(script));
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      // IN lists of every length make new texts; a bound keeps the cache from growing forever.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** The SQLite database: one connection, every use queued so transactions never interleave. */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite';
  private readonly queue = new SerialQueue();
  private readonly direct: SqliteExecutor;

  constructor(private readonly db: Database.Database) {
    this.direct = new SqliteExecutor(db);
  }

  static open({ file, synchronous = 'full' }: SqliteOptions): SqliteDatabase {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    // Another process (a CLI command) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache at most (the default is 2 MiB): a large lead list's indexes are
    // written in random order, and a small cache rereads their pages for every row.
    db.pragma('cache_size = -65536');
    return new SqliteDatabase(db);
  }

  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.queue.run(() => this.direct.all<Row>(sql, params));
  }

  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined> {
    return this.queue.run(() => this.direct.get<Row>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.queue.run(() => this.direct.run(sql, params));
  }

  insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    return this.queue.run(() => this.direct.insertMany(table, columns, rows));
  }

  exec(script: string): Promise<void> {
    return this.queue.run(() => this.direct.exec(script));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // IMMEDIATE takes the write lock now, not at the first write, so no upgrade can fail.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.queue.run(() => void this.db.close());
  }
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => value ?? null);
}

/** Runs a driver call, naming its constraint errors. */
function attempt<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(translate(error));
  }
}

const CONSTRAINT_KINDS: Record<string, ConstraintViolation['kind']> = {
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreignKey',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'notNull',
};

function translate(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (!(error instanceof Database.SqliteError)) return error;
  const kind = CONSTRAINT_KINDS[error.code];
  return kind === undefined ? error : new ConstraintViolation(kind, error.message, error);
}
