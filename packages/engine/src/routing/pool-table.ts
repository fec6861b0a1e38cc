import type { AgentRuntime } from '../model/runtime.ts';

/**
 * Per-pool figures a decision reads, kept in flat typed arrays indexed by pool number: whether
 * the pool has a free agent and the keys of its best one for each strategy. A decision weighs
 * one entry per linked pool without touching pool or agent records, which keeps the scan in
 * cache on a network of tens of thousands of agents (SPEC PERF1).
 */
export class PoolTable {
  size = 0;
  free = new Int32Array(1024);
  /** Head of the idle heap: idle since, idle order. */
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
    this.idle = copy(this.idle, (m) => new Float64Array(m), 2);
    this.occupancy = copy(this.occupancy, (m) => new Float64Array(m), 3);
    this.rotation = copy(this.rotation, (m) => new Float64Array(m), 2);
  }
}

/** Waiting contacts per bucket, by bucket number: what a freed agent reads first (SPEC PERF1). */
export class BucketTable {
  size = 0;
  waiting = new Int32Array(1024);

  add(): number {
    if (this.size === this.waiting.length) {
      const next = new Int32Array(this.waiting.length * 2);
      next.set(this.waiting);
      this.waiting = next;
    }
    return this.size++;
  }
}
