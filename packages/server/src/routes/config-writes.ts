// Configuration writes of one row, one at a time (TEL30). A write that reads a row and writes it
// back (the wallboard's skill change, a PUT checking If-Match) does both inside its turn, so a
// concurrent write of the same row cannot land between them and be undone.
//
// Why not a compare-and-set on the row's version: engine-backed rows are written by the group
// commit, in the transaction of commands of other requests, after the engine has applied the
// command; a version conflict there would fail every command of the batch and leave the engine
// ahead of its log. The server is the store's only writer (the claims index, TEL29, relies on it
// too), so putting one row's writes in line in the process is enough.

/** A configuration row: its tenant, kind and id. */
export interface RowKey {
  readonly tenantId: string;
  readonly kind: string;
  readonly id: string;
}

const keyOf = (row: RowKey): string => `${row.tenantId}\u0000${row.kind}\u0000${row.id}`;

export class ConfigWrites {
  /** Row key → the end of the last write queued for it, and how many are running or waiting. */
  private readonly rows = new Map<string, { tail: Promise<void>; writes: number }>();

  /** Runs `write` once every write queued earlier for the row is over (stored or failed). */
  serialize<T>(row: RowKey, write: () => Promise<T>): Promise<T> {
    return this.serializeRows([row], write);
  }

  /**
   * Runs `write` holding the turns of all the rows (an import's file): once every write queued
   * earlier for any of them is over, and before any queued later for one of them.
   */
  async serializeRows<T>(rows: Iterable<RowKey>, write: () => Promise<T>): Promise<T> {
    // A row listed twice would wait for its own turn.
    const keys = new Set(Array.from(rows, keyOf));
    let done = (): void => undefined;
    const tail = new Promise<void>((resolve) => (done = resolve));
    // Every turn is queued at once, without an await in between: two writers sharing rows are
    // in the order they arrived on each of those rows, so neither can wait for the other in a
    // circle, whatever the order of the keys.
    const earlier: Promise<void>[] = [];
    for (const key of keys) {
      const queued = this.rows.get(key);
      if (queued === undefined) this.rows.set(key, { tail, writes: 1 });
      else {
        earlier.push(queued.tail);
        queued.tail = tail;
        queued.writes++;
      }
    }
    try {
      await Promise.all(earlier);
      return await write();
    } finally {
      done();
      for (const key of keys) {
        const entry = this.rows.get(key);
        if (entry !== undefined && --entry.writes === 0) this.rows.delete(key);
      }
    }
  }

  /** How many writes of the row are running or waiting (tests). */
  queued(row: RowKey): number {
    return this.rows.get(keyOf(row))?.writes ?? 0;
  }
}
