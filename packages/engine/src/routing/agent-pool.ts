import { IndexedHeap, type HeapNode } from '../collections/indexed-heap.ts';
import { slotIndex, type AgentSelection, type SlotChannel } from '../model/config.ts';
import type { AgentChannel, AgentRuntime, Profile, SiteRuntime } from '../model/runtime.ts';
import type { Bucket } from './bucket.ts';
import type { PoolTable } from './pool-table.ts';

/**
 * The agents of one skill profile at one site, for one channel (SPEC PERF1). Its free members
 * are kept in idle order by the pool table (SPEC PERF8) and, for the strategies that need them,
 * in heaps here; a decision looks at one head per pool instead of scanning agents.
 */
export class AgentPool {
  /** Built on first use by a least-occupied queue. */
  occupancy: IndexedHeap<AgentRuntime> | undefined;
  /** Built on first use by a round-robin queue. */
  rotation: IndexedHeap<AgentRuntime> | undefined;
  /** Every agent of the pool, logged in or not. */
  readonly members = new Set<AgentChannel>();
  /** Members logged in; copied into the table (addLoggedIn). */
  loggedIn = 0;
  /** Queue buckets whose requirements this pool meets (their rows: PoolTable.bucketRows). */
  readonly buckets: Bucket[] = [];

  /** This pool's row in the shared table, which keeps its free members (SPEC PERF8). */
  readonly index: number;
  /** The agents' slot of this pool's channel. */
  readonly slot: number;

  constructor(
    readonly key: string,
    readonly profile: Profile,
    readonly site: SiteRuntime,
    readonly channel: SlotChannel,
    private readonly table: PoolTable,
  ) {
    this.index = table.add(this);
    this.slot = slotIndex(channel);
  }

  /** Members free to take a contact on this channel. */
  get free(): number {
    return this.table.free[this.index] as number;
  }

  addLoggedIn(delta: number): void {
    this.loggedIn += delta;
    this.table.loggedIn[this.index] = this.loggedIn;
  }

  linkBucket(bucket: Bucket): void {
    this.buckets.push(bucket);
    this.packRows();
  }

  unlinkBucket(bucket: Bucket): void {
    const i = this.buckets.indexOf(bucket);
    if (i >= 0) this.buckets.splice(i, 1);
    this.packRows();
  }

  private packRows(): void {
    this.table.setBucketRows(
      this.index,
      this.buckets.map((b) => b.row),
    );
  }

  /** Builds the strategy's heap if it has one and it is not built yet. */
  prepare(strategy: AgentSelection): void {
    if (strategy === 'least-occupied') this.occupancy ??= this.build('occupancy');
    else if (strategy === 'round-robin') this.rotation ??= this.build('rotation');
  }

  /** The table added a free member (PoolTable.addFree): the built heaps take it too. */
  addToHeaps(member: AgentChannel): void {
    if (this.occupancy) this.occupancy.push(setOccupancyKeys(member));
    if (this.rotation) this.rotation.push(setRotationKeys(member));
    this.publishHeaps();
  }

  removeFromHeaps(member: AgentChannel): void {
    if (this.occupancy) this.occupancy.remove(member.occupancyNode);
    if (this.rotation) this.rotation.remove(member.rotationNode);
    this.publishHeaps();
  }

  rekeyHeaps(member: AgentChannel): void {
    if (this.occupancy) this.occupancy.update(setOccupancyKeys(member));
    if (this.rotation) this.rotation.update(setRotationKeys(member));
    this.publishHeaps();
  }

  /** Copies the heaps' heads and keys into the shared table. */
  private publishHeaps(): void {
    const t = this.table;
    const i = this.index;
    const occupancy = this.occupancy?.peek();
    t.occupancyHead[i] = occupancy?.value;
    t.occupancyHeadId[i] = occupancy?.value.id ?? '';
    if (occupancy) {
      t.occupancy[3 * i] = occupancy.k1;
      t.occupancy[3 * i + 1] = occupancy.k2;
      t.occupancy[3 * i + 2] = occupancy.k3;
    }
    const rotation = this.rotation?.peek();
    t.rotationHead[i] = rotation?.value;
    t.rotationHeadId[i] = rotation?.value.id ?? '';
    if (rotation) {
      t.rotation[2 * i] = rotation.k1;
      t.rotation[2 * i + 1] = rotation.k2;
    }
  }

  private build(kind: 'occupancy' | 'rotation'): IndexedHeap<AgentRuntime> {
    const heap = new IndexedHeap<AgentRuntime>();
    for (const member of this.members) {
      if (member.matchable)
        heap.push(kind === 'occupancy' ? setOccupancyKeys(member) : setRotationKeys(member));
    }
    if (kind === 'occupancy') this.occupancy = heap;
    else this.rotation = heap;
    this.table.heaps[this.index] = 1;
    this.publishHeaps();
    return heap;
  }
}

// A strategy's node keys are written only while its heap exists (build writes them first), so
// a pool no least-occupied or round-robin queue uses never fetches those nodes.

function setOccupancyKeys(member: AgentChannel): HeapNode<AgentRuntime> {
  const node = member.occupancyNode;
  node.k1 = member.agent.handledMs;
  node.k2 = member.idleSinceMs;
  node.k3 = member.idleSeq;
  return node;
}

function setRotationKeys(member: AgentChannel): HeapNode<AgentRuntime> {
  const node = member.rotationNode;
  node.k1 = member.agent.lastOfferSeq;
  node.k2 = member.idleSeq;
  return node;
}
