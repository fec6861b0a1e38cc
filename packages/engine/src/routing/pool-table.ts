import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';

/**
 * Per-pool figures a decision reads, by pool number: whether the pool has a free agent and the
 * keys of its best one for each strategy. A decision weighs one entry per linked pool without
 * touching pool or agent records (SPEC PERF1). An arrival reads the free and logged-in counts of
 * every pool linked to its bucket, so those two are neighbours in the smallest array (8 bytes a
 * pool: the whole table of a 50,000-agent network is 75 KB and stays in cache); the idle head's
 * keys, read only for pools with a free agent, are neighbours in another, and so are the idle
 * head's agent and id (SPEC PERF6).
 */
export class PoolTable {
  size = 0;
  /** Free members at 2 × pool, members logged in at 2 × pool + 1. */
  counts = new Int32Array(2 * 1024);
  /** Head of the idle list: idle since at 2 × pool, idle order at 2 × pool + 1. */
  idle = new Float64Array(2 * 1024);
  /** Head of the occupancy heap: handled ms, idle since, idle order (pools with that heap). */
  occupancy = new Float64Array(3 * 1024);
  /** Head of the rotation heap: last offer order, idle order (pools with that heap). */
  rotation = new Float64Array(2 * 1024);
  /** The idle head's agent at 2 × pool and its id at 2 × pool + 1 (undefined, '' when none). */
  readonly idleHeads: (AgentRuntime | string | undefined)[] = [];
  /** The same for the occupancy and rotation heaps, written only in pools that have them. */
  readonly occupancyHeads: (AgentRuntime | string | undefined)[] = [];
  readonly rotationHeads: (AgentRuntime | string | undefined)[] = [];

  /** A number for a new pool. */
  add(): number {
    if (2 * (this.size + 1) > this.counts.length) this.grow();
    for (const heads of [this.idleHeads, this.occupancyHeads, this.rotationHeads]) {
      heads.push(undefined, '');
    }
    return this.size++;
  }

  free(pool: number): number {
    return this.counts[2 * pool] as number;
  }

  loggedIn(pool: number): number {
    return this.counts[2 * pool + 1] as number;
  }

  private grow(): void {
    const counts = new Int32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
    const copy = (old: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.idle = copy(this.idle);
    this.occupancy = copy(this.occupancy);
    this.rotation = copy(this.rotation);
  }
}

/** Numbers per bucket in `heads`: the head's three line keys and the queue weight (32 bytes). */
export const BUCKET_STRIDE = 4;
export const B_KEY1 = 0;
export const B_KEY2 = 1;
export const B_KEY3 = 2;
export const B_WEIGHT = 3;

/**
 * Per-bucket figures a freed agent reads, by bucket number: the waiting count, in the smallest
 * array (a freed agent reads it for every bucket it can serve, and most are empty), and for a
 * bucket with contacts the keys of its head (minus priority, place in line, order) with the
 * queue's weight in one 32-byte row, so the buckets an agent can serve are weighed without
 * fetching their heaps or contacts (SPEC PERF1, PERF6).
 */
export class BucketTable {
  size = 0;
  waiting = new Int32Array(1024);
  keys = new Float64Array(BUCKET_STRIDE * 1024);
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

  add(weight: number): number {
    const spare = this.spareRows.pop();
    if (spare !== undefined) {
      this.keys[BUCKET_STRIDE * spare + B_WEIGHT] = weight;
      return spare;
    }
    if (this.size === this.waiting.length) this.grow();
    this.keys[BUCKET_STRIDE * this.size + B_WEIGHT] = weight;
    this.heads.push(undefined, '');
    return this.size++;
  }

  /** A bucket is gone: its row is emptied and kept for the next new bucket. */
  release(row: number): void {
    this.waiting[row] = 0;
    this.heads[2 * row] = undefined;
    this.heads[2 * row + 1] = '';
    this.spareRows.push(row);
  }

  /** Rows in use (for tests: dropped buckets' rows are reused, not leaked). */
  get rowsInUse(): number {
    return this.size - this.spareRows.length;
  }

  private grow(): void {
    const waiting = new Int32Array(this.waiting.length * 2);
    waiting.set(this.waiting);
    this.waiting = waiting;
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}
