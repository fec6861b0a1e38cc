import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';

/**
 * Per-pool figures a decision reads, kept in flat typed arrays indexed by pool number: whether
 * the pool has a free agent and the keys of its best one for each strategy. A decision weighs
 * one entry per linked pool without touching pool or agent records, which keeps the scan in
 * cache on a network of tens of thousands of agents (SPEC PERF1).
 */
export class PoolTable {
  size = 0;
  free = new Int32Array(1024);
  /** Members logged in, whether free or not (the estimated wait's eligible agents, SPEC RT4). */
  loggedIn = new Int32Array(1024);
  /** Head of the idle list: idle since, idle order. */
  idle = new Float64Array(2048);
  /** Head of the occupancy heap: handled ms, idle since, idle order. */
  occupancy = new Float64Array(3072);
  /** Head of the rotation heap: last offer order, idle order. */
  rotation = new Float64Array(2048);
  /** The agent at the head of each heap (undefined when the pool has no free agent). */
  readonly idleHead: (AgentRuntime | undefined)[] = [];
  readonly occupancyHead: (AgentRuntime | undefined)[] = [];
  readonly rotationHead: (AgentRuntime | undefined)[] = [];
  /** The same heads' ids, for explanations. */
  readonly idleHeadId: string[] = [];
  readonly occupancyHeadId: string[] = [];
  readonly rotationHeadId: string[] = [];

  /** A number for a new pool. */
  add(): number {
    if (this.size === this.free.length) this.grow();
    this.idleHead.push(undefined);
    this.occupancyHead.push(undefined);
    this.rotationHead.push(undefined);
    this.idleHeadId.push('');
    this.occupancyHeadId.push('');
    this.rotationHeadId.push('');
    return this.size++;
  }

  private grow(): void {
    const n = this.free.length * 2;
    const copy = <A extends Int32Array | Float64Array>(
      old: A,
      make: (n: number) => A,
      k: number,
    ): A => {
      const next = make(n * k);
      next.set(old);
      return next;
    };
    this.free = copy(this.free, (m) => new Int32Array(m), 1);
    this.loggedIn = copy(this.loggedIn, (m) => new Int32Array(m), 1);
    this.idle = copy(this.idle, (m) => new Float64Array(m), 2);
    this.occupancy = copy(this.occupancy, (m) => new Float64Array(m), 3);
    this.rotation = copy(this.rotation, (m) => new Float64Array(m), 2);
  }
}

/**
 * Per-bucket figures a freed agent reads, by bucket number: the waiting count and the keys of
 * the head contact (minus priority, place in line, order) with the queue's weight, so the
 * buckets an agent can serve are weighed without fetching their heaps or contacts (SPEC PERF1).
 */
export class BucketTable {
  size = 0;
  waiting = new Int32Array(1024);
  /** Head contact's line keys: minus priority, enqueued at, order. */
  headKeys = new Float64Array(3 * 1024);
  /** The bucket's queue weight (a reconfigured queue gets new buckets). */
  weight = new Float64Array(1024);
  readonly head: (ContactRuntime | undefined)[] = [];
  /** Rows of dropped buckets (a queue reconfigured or removed), reused by new buckets. */
  private readonly spareRows: number[] = [];
  /** The id of a bucket's head, for explanations. */
  headId(row: number): string {
    return (this.head[row] as ContactRuntime).id;
  }

  add(weight: number): number {
    const spare = this.spareRows.pop();
    if (spare !== undefined) {
      this.weight[spare] = weight;
      return spare;
    }
    if (this.size === this.waiting.length) this.grow();
    this.weight[this.size] = weight;
    this.head.push(undefined);
    return this.size++;
  }

  /** A bucket is gone: its row is emptied and kept for the next new bucket. */
  release(row: number): void {
    this.waiting[row] = 0;
    this.head[row] = undefined;
    this.spareRows.push(row);
  }

  /** Rows in use (for tests: dropped buckets' rows are reused, not leaked). */
  get rowsInUse(): number {
    return this.size - this.spareRows.length;
  }

  private grow(): void {
    const n = this.waiting.length * 2;
    const waiting = new Int32Array(n);
    waiting.set(this.waiting);
    this.waiting = waiting;
    const headKeys = new Float64Array(3 * n);
    headKeys.set(this.headKeys);
    this.headKeys = headKeys;
    const weight = new Float64Array(n);
    weight.set(this.weight);
    this.weight = weight;
  }
}
