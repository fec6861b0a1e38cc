import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  ConstraintViolation,
  type SqlDatabase,
  type SqlExecutor,
  type SqlValue,
} from '../sql/executor.ts';
import { toPostgresPlaceholders } from './placeholders.ts';

export interface PostgresOptions {
  /** A connection string, e.g. postgres://user@host:5432/db. */
  url: string;
  /** The schema holding Relais's tables (created by migrate); default: the server's search_path. */
  schema?: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** Told when an idle connection fails (the server restarted); default: a process warning. */
  onIdleError?: (error: Error) => void;
}

// Bind parameters per statement stay well under PostgreSQL's limit of 65,535.
const MAX_PARAMS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_INSERT = 1_000;
const INT8_OID = 20;

/** Runs of a statement text before it is prepared on the server (as pgjdbc's prepareThreshold). */
const PREPARE_AFTER = 3;
/** Statement texts prepared per pool, at most: texts built for a batch's size mostly run once. */
const MAX_PREPARED = 256;

/**
 * Names for the statements a pool runs again and again. PostgreSQL parses and plans an unnamed
 * statement at each run; a named one once per connection (measured with pgbench on this
 * machine: a key lookup 162 µs a run unnamed, 77 µs prepared, most of it the server's CPU).
 */
class PreparedNames {
  private readonly runs = new Map<string, number>();
  private readonly names = new Map<string, string>();

  /** The statement's name once it has run often enough, else undefined (run unnamed). */
  nameOf(sql: string): string | undefined {
    const name = this.names.get(sql);
    if (name !== undefined || this.names.size >= MAX_PREPARED) return name;
    const runs = (this.runs.get(sql) ?? 0) + 1;
    if (runs < PREPARE_AFTER) {
      // Bounded too: one-off texts (long IN lists, batch inserts) come and go.
      if (this.runs.size >= 4 * MAX_PREPARED) this.runs.clear();
      this.runs.set(sql, runs);
      return undefined;
    }
    this.runs.delete(sql);
    const named = `relais_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    this.names.set(sql, named);
    return named;
  }
}

/** Statements on a pool or on one client inside a transaction. */
class PostgresExecutor implements SqlExecutor {
  constructor(
    private readonly client: pg.Pool | pg.PoolClient,
    protected readonly prepared: PreparedNames,
  ) {}

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return (await this.query(sql, params)).rows as Row[];
  }

  async get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return (await this.all<Row>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  async insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    const chunkSize = Math.max(
      1,
      Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length)),
    );
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`;
      await this.query(sql, chunk.flat());
    }
  }

  async exec(script: string): Promise<void> {
    // Without parameters pg uses the simple protocol, which accepts several statements.
    await this.client.query(script).catch((error: unknown) => Promise.reject(translate(error)));
  }

  private async query(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    const text = toPostgresPlaceholders(sql);
    const name = this.prepared.nameOf(text);
    const values = params.map((value) => value ?? null);
    try {
      return await this.client.query(
        name === undefined ? { text, values } : { name, text, values },
      );
    } catch (error) {
      throw translate(error);
    }
  }
}

/** The PostgreSQL database: a pool, with int8 parsed to numbers for this pool only. */
export class PostgresDatabase extends PostgresExecutor implements SqlDatabase {
  readonly dialect = 'postgres';

  private constructor(private readonly pool: pg.Pool) {
    super(pool, new PreparedNames());
  }

  static open({
    url,
    schema,
    poolSize = 10,
    onIdleError = (error) => process.emitWarning(error),
  }: PostgresOptions): PostgresDatabase {
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      types: { getTypeParser: typeParser },
      ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdentifier(schema)}` }),
    });
    // Unhandled, an idle client's error would crash the process; the pool drops that client and
    // the next query gets a fresh connection.
    pool.on('error', onIdleError);
    return new PostgresDatabase(pool);
  }

  /** One statement whose parameters may be arrays (sent as PostgreSQL arrays). */
  async queryArrays(
    sql: string,
    params: readonly (SqlValue | readonly SqlValue[])[],
  ): Promise<void> {
    const name = this.prepared.nameOf(sql);
    const values = params as unknown[];
    await this.pool
      .query(name === undefined ? { text: sql, values } : { name, text: sql, values })
      .catch((error: unknown) => Promise.reject(translate(error)));
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresExecutor(client, this.prepared));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      // A client whose rollback failed is destroyed rather than reused mid-transaction.
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** int8 (seqs, times in ms, counts) as numbers; refuses values a double cannot hold exactly. */
const typeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid !== INT8_OID || format === 'binary') {
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }
  return (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} exceeds 2^53`);
    return value;
  };
}) as typeof pg.types.getTypeParser;

/** A schema name, checked and quoted: it is spliced into SQL, so only plain names pass. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new RangeError(`schema name must be lower-case letters, digits and _: ${name}`);
  }
  return `"${name}"`;
}

const CONSTRAINT_KINDS: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23503': 'foreignKey',
  '23514': 'check',
  '23502': 'notNull',
};

function translate(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? CONSTRAINT_KINDS[code] : undefined;
  return kind === undefined ? error : new ConstraintViolation(kind, error.message, error);
}
