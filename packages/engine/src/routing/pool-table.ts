import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';

/** Numbers per pool row: free, logged in, idle head's idle since and idle order (32 bytes). */
export const POOL_STRIDE = 4;
/** Offsets in a pool row. */
export const P_FREE = 0;
export const P_LOGGED_IN = 1;
export const P_IDLE_SINCE = 2;
export const P_IDLE_SEQ = 3;

/**
 * Per-pool figures a decision reads, by pool number: whether the pool has a free agent and the
 * keys of its best one for each strategy. A decision weighs one entry per linked pool without
 * touching pool or agent records (SPEC PERF1). What every decision and arrival reads — the free
 * and logged-in counts and the idle head's keys — is one 32-byte row, two rows to a cache line,
 * and the idle head's agent and id are neighbours in one array: publishing a pool writes two
 * lines, not eight (SPEC PERF6).
 */
export class PoolTable {
  size = 0;
  rows = new Float64Array(POOL_STRIDE * 1024);
  /** Head of the occupancy heap: handled ms, idle since, idle order (pools with that heap). */
  occupancy = new Float64Array(3072);
  /** Head of the rotation heap: last offer order, idle order (pools with that heap). */
  rotation = new Float64Array(2048);
  /** The idle head's agent at 2 × pool and its id at 2 × pool + 1 (undefined, '' when none). */
  readonly idleHeads: (AgentRuntime | string | undefined)[] = [];
  /** The same for the occupancy and rotation heaps, written only in pools that have them. */
  readonly occupancyHeads: (AgentRuntime | string | undefined)[] = [];
  readonly rotationHeads: (AgentRuntime | string | undefined)[] = [];

  /** A number for a new pool. */
  add(): number {
    if (POOL_STRIDE * (this.size + 1) > this.rows.length) this.grow();
    for (const heads of [this.idleHeads, this.occupancyHeads, this.rotationHeads]) {
      heads.push(undefined, '');
    }
    return this.size++;
  }

  free(pool: number): number {
    return this.rows[POOL_STRIDE * pool + P_FREE] as number;
  }

  loggedIn(pool: number): number {
    return this.rows[POOL_STRIDE * pool + P_LOGGED_IN] as number;
  }

  private grow(): void {
    const copy = (old: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.rows = copy(this.rows);
    this.occupancy = copy(this.occupancy);
    this.rotation = copy(this.rotation);
  }
}

/** Numbers per bucket row: waiting, the head's three line keys, the queue weight (64 bytes). */
export const BUCKET_STRIDE = 8;
export const B_WAITING = 0;
export const B_KEY1 = 1;
export const B_KEY2 = 2;
export const B_KEY3 = 3;
export const B_WEIGHT = 4;

/**
 * Per-bucket figures a freed agent reads, by bucket number: the waiting count and the keys of
 * the head contact (minus priority, place in line, order) with the queue's weight, in one
 * 64-byte row (one cache line), so the buckets an agent can serve are weighed without fetching
 * their heaps or contacts (SPEC PERF1, PERF6).
 */
export class BucketTable {
  size = 0;
  rows = new Float64Array(BUCKET_STRIDE * 1024);
  /** The head contact at 2 × bucket and its id at 2 × bucket + 1. */
  readonly heads: (ContactRuntime | string | undefined)[] = [];
  /** Rows of dropped buckets (a queue reconfigured or removed), reused by new buckets. */
  private readonly spareRows: number[] = [];

  /** The id of a bucket's head, for explanations. */
  headId(row: number): string {
    return this.heads[2 * row + 1] as string;
  }

  head(row: number): ContactRuntime | undefined {
    return this.heads[2 * row] as ContactRuntime | undefined;
  }

  waiting(row: number): number {
    return this.rows[BUCKET_STRIDE * row + B_WAITING] as number;
  }

  add(weight: number): number {
    const spare = this.spareRows.pop();
    if (spare !== undefined) {
      this.rows[BUCKET_STRIDE * spare + B_WEIGHT] = weight;
      return spare;
    }
    if (BUCKET_STRIDE * (this.size + 1) > this.rows.length) this.grow();
    this.rows[BUCKET_STRIDE * this.size + B_WEIGHT] = weight;
    this.heads.push(undefined, '');
    return this.size++;
  }

  /** A bucket is gone: its row is emptied and kept for the next new bucket. */
  release(row: number): void {
    this.rows[BUCKET_STRIDE * row + B_WAITING] = 0;
    this.heads[2 * row] = undefined;
    this.heads[2 * row + 1] = '';
    this.spareRows.push(row);
  }

  /** Rows in use (for tests: dropped buckets' rows are reused, not leaked). */
  get rowsInUse(): number {
    return this.size - this.spareRows.length;
  }

  private grow(): void {
    const rows = new Float64Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }
}
