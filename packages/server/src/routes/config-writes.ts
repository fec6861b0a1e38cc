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
  async serialize<T>(row: RowKey, write: () => Promise<T>): Promise<T> {
    const key = keyOf(row);
    let done = (): void => undefined;
    const tail = new Promise<void>((resolve) => (done = resolve));
    const queued = this.rows.get(key);
    const before = queued?.tail;
    if (queued === undefined) this.rows.set(key, { tail, writes: 1 });
    else {
      queued.tail = tail;
      queued.writes++;
    }
    try {
      await before;
      return await write();
    } finally {
      done();
      const entry = this.rows.get(key);
      if (entry !== undefined && --entry.writes === 0) this.rows.delete(key);
    }
  }

  /** How many writes of the row are running or waiting (tests). */
  queued(row: RowKey): number {
    return this.rows.get(keyOf(row))?.writes ?? 0;
  }
}
