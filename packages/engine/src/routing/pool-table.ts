import type { AgentChannel, AgentRuntime, ContactRuntime } from '../model/runtime.ts';
import type { AgentPool } from './agent-pool.ts';

/** Slots a new pool's idle ring starts with: four slots' keys fill one cache line. */
const FIRST_RING = 4;

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
  /** Head of the idle ring: idle since, idle order. */
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
  /** The pool of each row, reached only for its occupancy and rotation heaps (or rarely). */
  readonly pools: AgentPool[] = [];
  /** 1 where the pool has built an occupancy or rotation heap. */
  heaps = new Uint8Array(1024);

  /**
   * Each pool's free members in idle order, longest idle first, as a ring of slots in the shared
   * slot arrays (SPEC PERF8): per row its first slot, capacity minus one (a power of two less
   * one), head offset and slots in use from the head, tombstones of members that left from the
   * middle included. Taking the head, appending and publishing read this row and the ring's own
   * slots, never another member's record. Then, in the same line, the first entry, count and
   * capacity of the pool's bucket rows in `bucketRows`: what a freed member's decision reads.
   */
  ring = new Int32Array(8 * 1024);
  /** Per slot: idle since, idle order (the member's keys when it was appended). */
  slotKeys = new Float64Array(2 * 1024);
  /** Per slot: the agent and its id; an undefined agent is a tombstone. */
  slotRefs: (AgentRuntime | string | undefined)[] = [];
  /** Each pool's bucket rows (SPEC PERF1), at the place its ring row names. */
  bucketRows = new Int32Array(4096);
  private bucketRowsUsed = 0;
  /** Slots handed out to rings so far (a grown ring moves to the end; its old slots are left). */
  slotsUsed = 0;

  /** A number for a new pool. */
  add(pool: AgentPool): number {
    if (this.size === this.free.length) this.grow();
    this.pools.push(pool);
    const row = this.size;
    this.ring[8 * row] = this.allocate(FIRST_RING);
    this.ring[8 * row + 1] = FIRST_RING - 1;
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
    const heaps = new Uint8Array(n);
    heaps.set(this.heaps);
    this.heaps = heaps;
    this.ring = copy(this.ring, (m) => new Int32Array(m), 8);
  }

  /** `n` new slots at the end of the slot arrays; the first one's number. */
  private allocate(n: number): number {
    const first = this.slotsUsed;
    this.slotsUsed += n;
    if (2 * this.slotsUsed > this.slotKeys.length) {
      let size = this.slotKeys.length * 2;
      while (2 * this.slotsUsed > size) size *= 2;
      const keys = new Float64Array(size);
      keys.set(this.slotKeys);
      this.slotKeys = keys;
    }
    for (let i = 2 * first; i < 2 * this.slotsUsed; i++) this.slotRefs.push(undefined);
    return first;
  }

  /** The pool's links changed: its buckets' rows, in the pool's order. */
  setBucketRows(row: number, rows: readonly number[]): void {
    const r = 8 * row;
    if (rows.length > this.ring[r + 6]!) {
      let capacity = 4;
      while (capacity < rows.length) capacity *= 2;
      // A pool outgrowing its place moves to the end; links change only with configuration.
      this.ring[r + 4] = this.bucketRowsUsed;
      this.ring[r + 6] = capacity;
      this.bucketRowsUsed += capacity;
      if (this.bucketRowsUsed > this.bucketRows.length) {
        let size = this.bucketRows.length * 2;
        while (size < this.bucketRowsUsed) size *= 2;
        const next = new Int32Array(size);
        next.set(this.bucketRows);
        this.bucketRows = next;
      }
    }
    this.bucketRows.set(rows, this.ring[r + 4]);
    this.ring[r + 5] = rows.length;
  }

  /** The member became free; its idle keys are the latest (SPEC PERF3, PERF8). */
  addFree(member: AgentChannel): void {
    member.matchable = true;
    member.agent.freeMask |= 1 << member.slot;
    const row = member.poolRow;
    const free = ++this.free[row]!;
    this.append(row, member);
    // Joining behind other free members leaves the head as it was (SPEC PERF7).
    if (free === 1) this.publishIdle(row);
    if (this.heaps[row] === 1) this.pools[row]!.addToHeaps(member);
  }

  removeFree(member: AgentChannel): void {
    member.matchable = false;
    member.agent.freeMask &= ~(1 << member.slot);
    const row = member.poolRow;
    this.free[row]!--;
    if (this.unlink(row, member)) this.publishIdle(row);
    if (this.heaps[row] === 1) this.pools[row]!.removeFromHeaps(member);
  }

  /**
   * The member's keys changed while it stays free; `renewed`: new idle time and order, so it
   * goes to the back of the idle order.
   */
  rekey(member: AgentChannel, renewed: boolean): void {
    const row = member.poolRow;
    if (renewed) {
      const r = 8 * row;
      const ring = this.ring;
      const last = ring[r]! + ((ring[r + 2]! + ring[r + 3]! - 1) & ring[r + 1]!);
      let head: boolean;
      if (member.ringSlot === last) {
        // Already the youngest: only its keys change.
        this.slotKeys[2 * last] = member.idleSinceMs;
        this.slotKeys[2 * last + 1] = member.idleSeq;
        head = ring[r + 3] === 1;
      } else {
        head = this.unlink(row, member);
        this.append(row, member);
      }
      if (head) this.publishIdle(row);
    }
    if (this.heaps[row] === 1) this.pools[row]!.rekeyHeaps(member);
  }

  private append(row: number, member: AgentChannel): void {
    const r = 8 * row;
    const ring = this.ring;
    if (ring[r + 3] === ring[r + 1]! + 1) this.rebuild(row);
    const slot = ring[r]! + ((ring[r + 2]! + ring[r + 3]!) & ring[r + 1]!);
    ring[r + 3]!++;
    this.slotKeys[2 * slot] = member.idleSinceMs;
    this.slotKeys[2 * slot + 1] = member.idleSeq;
    this.slotRefs[2 * slot] = member.agent;
    this.slotRefs[2 * slot + 1] = member.agentId;
    member.ringSlot = slot;
  }

  /** Takes the member out of its ring; true when it was the head (the head changed). */
  private unlink(row: number, member: AgentChannel): boolean {
    const r = 8 * row;
    const ring = this.ring;
    const refs = this.slotRefs;
    const slot = member.ringSlot;
    member.ringSlot = -1;
    refs[2 * slot] = refs[2 * slot + 1] = undefined;
    const base = ring[r]!;
    const mask = ring[r + 1]!;
    let head = ring[r + 2]!;
    let used = ring[r + 3]!;
    const wasHead = base + head === slot;
    if (wasHead) {
      // Past the tombstones of members that left from the middle, to the next free member.
      do {
        head = (head + 1) & mask;
        used--;
      } while (used > 0 && refs[2 * (base + head)] === undefined);
      ring[r + 2] = head;
    } else if (base + ((head + used - 1) & mask) === slot) {
      do used--;
      while (refs[2 * (base + ((head + used - 1) & mask))] === undefined);
    }
    ring[r + 3] = used;
    return wasHead;
  }

  /**
   * A full ring: its free members move to the front of the same slots when tombstones leave
   * room, else to a ring twice the size at the end of the slot arrays. Their slot numbers are
   * rewritten through their agents (rare: this is the only place a ring reads them).
   */
  private rebuild(row: number): void {
    const r = 8 * row;
    const ring = this.ring;
    const base = ring[r]!;
    const mask = ring[r + 1]!;
    const head = ring[r + 2]!;
    const used = ring[r + 3]!;
    const live = this.free[row]! - 1; // the member being appended is counted already
    const keys: number[] = [];
    const refs: (AgentRuntime | string | undefined)[] = [];
    for (let k = 0; k < used; k++) {
      const s = base + ((head + k) & mask);
      if (this.slotRefs[2 * s] === undefined) continue;
      keys.push(this.slotKeys[2 * s]!, this.slotKeys[2 * s + 1]!);
      refs.push(this.slotRefs[2 * s], this.slotRefs[2 * s + 1]);
      this.slotRefs[2 * s] = this.slotRefs[2 * s + 1] = undefined;
    }
    let to = base;
    let capacity = mask + 1;
    if (live === capacity) {
      capacity *= 2;
      to = this.allocate(capacity);
    }
    const slotOf = this.pools[row]!.slot;
    for (let k = 0; k < live; k++) {
      const s = to + k;
      this.slotKeys[2 * s] = keys[2 * k]!;
      this.slotKeys[2 * s + 1] = keys[2 * k + 1]!;
      const agent = refs[2 * k] as AgentRuntime;
      this.slotRefs[2 * s] = agent;
      this.slotRefs[2 * s + 1] = refs[2 * k + 1];
      agent.memberOn(slotOf).ringSlot = s;
    }
    ring[r] = to;
    ring[r + 1] = capacity - 1;
    ring[r + 2] = 0;
    ring[r + 3] = live;
  }

  /** Copies the idle head's agent and keys into the row (SPEC PERF1). */
  publishIdle(row: number): void {
    const r = 8 * row;
    if (this.ring[r + 3] === 0) {
      this.idleHead[row] = undefined;
      this.idleHeadId[row] = '';
      return;
    }
    const slot = this.ring[r]! + this.ring[r + 2]!;
    this.idleHead[row] = this.slotRefs[2 * slot] as AgentRuntime;
    this.idleHeadId[row] = this.slotRefs[2 * slot + 1] as string;
    this.idle[2 * row] = this.slotKeys[2 * slot]!;
    this.idle[2 * row + 1] = this.slotKeys[2 * slot + 1]!;
  }

  /** A pool's free members in idle order (for tests and checks). */
  idleAgents(row: number): { agent: AgentRuntime; idleSinceMs: number; idleSeq: number }[] {
    const r = 8 * row;
    const out = [];
    for (let k = 0; k < this.ring[r + 3]!; k++) {
      const s = this.ring[r]! + ((this.ring[r + 2]! + k) & this.ring[r + 1]!);
      const agent = this.slotRefs[2 * s];
      if (agent === undefined) continue;
      out.push({
        agent: agent as AgentRuntime,
        idleSinceMs: this.slotKeys[2 * s]!,
        idleSeq: this.slotKeys[2 * s + 1]!,
      });
    }
    return out;
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
