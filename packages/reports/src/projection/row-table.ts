// The projection's counter rows, in blocks of many rows each: a row is WIDTH numbers at an offset
// of its block, found by dimension, entity and bucket. A typed array per row made allocation and
// garbage collection the projection's main cost; here applying an event allocates only when it
// opens a new row, and then one small object.
import { COUNTER_FIELDS } from '../kpi/counters.ts';
import { BUCKET_MS } from '../time/buckets.ts';

export type Dimension = 'queue' | 'client' | 'site' | 'agent';
export const DIMENSIONS: readonly Dimension[] = ['queue', 'client', 'site', 'agent'];

/** Counters per row. */
export const WIDTH = COUNTER_FIELDS.length;

/** One entity's figures in one 15-minute bucket. */
export interface ProjectionRow {
  readonly dimension: Dimension;
  readonly id: string;
  readonly bucket: number;
  readonly values: Float64Array;
}

/** A row as the table keeps it: its counters are `block[at]` to `block[at + WIDTH - 1]`. */
export interface KeptRow {
  readonly dimension: Dimension;
  readonly id: string;
  readonly bucket: number;
  block: Float64Array;
  at: number;
  /** The flush period in which it last changed (changed since the last flush when current). */
  changedIn: number;
}

/** One entity's rows by bucket number, with the last one used: events mostly touch the current bucket. */
class Entity {
  last: KeptRow | undefined = undefined;
  readonly rows = new Map<number, KeptRow>();
}

// Bucket numbers (bucket start / BUCKET_MS) are small integers: cheaper map keys than the starts.
const bucketNumber = (bucket: number): number => bucket / BUCKET_MS;

/** Rows per block: big enough to allocate rarely, small enough not to waste much. */
const BLOCK_ROWS = 2048;

export class RowTable {
  private block = new Float64Array(BLOCK_ROWS * WIDTH);
  private used = 0;
  /** Bumped by each hand-out: rows changed in an earlier period are unchanged now. */
  private period = 1;
  private changed: KeptRow[] = [];
  private entities = newEntities();

  /** The row of an entity in a bucket, made (all zero, unchanged) on first use. */
  row(dimension: Dimension, id: string, bucket: number): KeptRow {
    const byId = this.entities[dimension];
    let entity = byId.get(id);
    if (entity === undefined) {
      entity = new Entity();
      byId.set(id, entity);
    }
    const last = entity.last;
    if (last !== undefined && last.bucket === bucket) return last;
    let row = entity.rows.get(bucketNumber(bucket));
    if (row === undefined) {
      const at = this.allocate(); // first: it may start a new block
      row = { dimension, id, bucket, block: this.block, at, changedIn: 0 };
      entity.rows.set(bucketNumber(bucket), row);
    }
    entity.last = row;
    return row;
  }

  add(row: KeptRow, field: number, amount: number): void {
    const block = row.block;
    const at = row.at + field;
    block[at] = (block[at] as number) + amount;
    if (row.changedIn !== this.period) this.touch(row);
  }

  /** Keeps the larger of the field and `value` (the row counts as changed either way). */
  max(row: KeptRow, field: number, value: number): void {
    const block = row.block;
    const at = row.at + field;
    if (value > (block[at] as number)) block[at] = value;
    if (row.changedIn !== this.period) this.touch(row);
  }

  get changedCount(): number {
    return this.changed.length;
  }

  /** The rows changed since the last hand-out, as live views of their counters. */
  changedRows(): ProjectionRow[] {
    return this.changed.map(view);
  }

  /**
   * Hands out the changed rows and starts a new period with new blocks: the rows handed out keep
   * the old ones. `kept` (rows that contacts in progress still add to) move to the new blocks,
   * zeroed, and stay the rows of their keys.
   */
  handOut(kept: Iterable<KeptRow>): ProjectionRow[] {
    const out = this.changed.map(view);
    this.period++;
    this.changed = [];
    this.entities = newEntities();
    this.block = new Float64Array(BLOCK_ROWS * WIDTH);
    this.used = 0;
    const moved = -this.period;
    for (const row of kept) {
      // Two contacts may share a row: moved once, marked with the negated period.
      if (row.changedIn === moved) continue;
      row.at = this.allocate();
      row.block = this.block;
      row.changedIn = moved;
      const byId = this.entities[row.dimension];
      const entity = byId.get(row.id) ?? new Entity();
      byId.set(row.id, entity);
      entity.rows.set(bucketNumber(row.bucket), row);
    }
    return out;
  }

  private touch(row: KeptRow): void {
    row.changedIn = this.period;
    this.changed.push(row);
  }

  /** The offset of a new row in the current block (a new block when it is full). */
  private allocate(): number {
    if (this.used === BLOCK_ROWS) {
      this.block = new Float64Array(BLOCK_ROWS * WIDTH);
      this.used = 0;
    }
    return WIDTH * this.used++;
  }
}

const view = (row: KeptRow): ProjectionRow => ({
  dimension: row.dimension,
  id: row.id,
  bucket: row.bucket,
  values: row.block.subarray(row.at, row.at + WIDTH),
});

function newEntities(): Record<Dimension, Map<string, Entity>> {
  return { queue: new Map(), client: new Map(), site: new Map(), agent: new Map() };
}
