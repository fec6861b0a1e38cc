// What the shared store code needs from a database: statements with `?` placeholders, a
// multi-row insert and transactions. One implementation per dialect (sqlite/, postgres/).

/** A value a statement parameter may take; `undefined` is bound as NULL. */
export type SqlValue = string | number | bigint | null | undefined;

export interface SqlExecutor {
  /** Rows of a query (or of a statement with RETURNING). */
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** The first row, or undefined. */
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  /** Runs a statement and resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Inserts many rows into `table` as fast as the dialect allows. */
  insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A driver's constraint error, named the same way for both dialects. */
export class ConstraintViolation extends Error {
  override readonly name = 'ConstraintViolation';
  constructor(
    readonly kind: 'unique' | 'foreignKey' | 'check' | 'notNull',
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** True when `error` is a constraint violation of this kind. */
export function isViolation(error: unknown, kind: ConstraintViolation['kind']): boolean {
  return error instanceof ConstraintViolation && error.kind === kind;
}
