import { IndexedHeap, type HeapNode } from '../collections/indexed-heap.ts';
import type { AgentSelection, SlotChannel } from '../model/config.ts';
import type { AgentChannel, AgentRuntime, Profile, SiteRuntime } from '../model/runtime.ts';
import type { Bucket } from './bucket.ts';
import type { PoolTable } from './pool-table.ts';

/**
 * The agents of one skill profile at one site, for one channel (SPEC PERF1). Its heaps hold the
 * members free to take a contact on that channel, ordered for each agent-selection strategy; a
 * decision looks at one head per pool instead of scanning agents.
 */
export class AgentPool {
  /**
   * Free members by idle time, longest idle first: longest idle and most skilled use it. A
   * member joins or rejoins with the latest idle time and idle order (both only grow), so the
   * list is that order without a heap: taking the head or adding at the tail touches at most
   * one other member (SPEC PERF3).
   */
  idleHead: AgentChannel | undefined;
  idleTail: AgentChannel | undefined;
  free = 0;
  /** Built on first use by a least-occupied queue. */
  occupancy: IndexedHeap<AgentRuntime> | undefined;
  /** Built on first use by a round-robin queue. */
  rotation: IndexedHeap<AgentRuntime> | undefined;
  /** Every agent of the pool, logged in or not. */
  readonly members = new Set<AgentChannel>();
  /** Members logged in; copied into the table (addLoggedIn). */
  loggedIn = 0;
  /** Queue buckets whose requirements this pool meets, and their rows in the bucket table. */
  readonly buckets: Bucket[] = [];
  bucketRows = new Int32Array(0);

  /** This pool's row in the shared table. */
  readonly index: number;

  constructor(
    readonly key: string,
    readonly profile: Profile,
    readonly site: SiteRuntime,
    readonly channel: SlotChannel,
    private readonly table: PoolTable,
  ) {
    this.index = table.add();
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
    this.bucketRows = Int32Array.from(this.buckets, (b) => b.row);
  }

  /** Builds the strategy's heap if it has one and it is not built yet. */
  prepare(strategy: AgentSelection): void {
    if (strategy === 'least-occupied') this.occupancy ??= this.build('occupancy');
    else if (strategy === 'round-robin') this.rotation ??= this.build('rotation');
  }

  /** The member became free; its idle time and order are the latest (refreshAgent). */
  addFree(member: AgentChannel): void {
    member.matchable = true;
    member.agent.freeMask |= 1 << member.slot;
    this.append(member);
    this.free++;
    if (this.occupancy) this.occupancy.push(setOccupancyKeys(member));
    if (this.rotation) this.rotation.push(setRotationKeys(member));
    // Joining behind other free members leaves the idle head as it was: its record, cold on a
    // large network, is not read again to publish the same keys (SPEC PERF7).
    if (this.idleHead === member || this.occupancy || this.rotation) this.publish();
    else this.table.free[this.index] = this.free;
  }

  removeFree(member: AgentChannel): void {
    member.matchable = false;
    member.agent.freeMask &= ~(1 << member.slot);
    const wasHead = member === this.idleHead;
    this.unlink(member);
    this.free--;
    if (this.occupancy) this.occupancy.remove(member.occupancyNode);
    if (this.rotation) this.rotation.remove(member.rotationNode);
    if (wasHead || this.occupancy || this.rotation) this.publish();
    else this.table.free[this.index] = this.free;
  }

  /**
   * The member's keys changed (it took or finished work but stays free); `renewed`: it got a
   * new idle time and order, so it goes to the back of the idle list.
   */
  rekey(member: AgentChannel, renewed: boolean): void {
    if (renewed && member !== this.idleTail) {
      this.unlink(member);
      this.append(member);
    }
    if (this.occupancy) this.occupancy.update(setOccupancyKeys(member));
    if (this.rotation) this.rotation.update(setRotationKeys(member));
    this.publish();
  }

  private append(member: AgentChannel): void {
    const tail = this.idleTail;
    member.prevIdle = tail;
    member.nextIdle = undefined;
    if (tail === undefined) this.idleHead = member;
    else tail.nextIdle = member;
    this.idleTail = member;
  }

  private unlink(member: AgentChannel): void {
    const { prevIdle, nextIdle } = member;
    if (prevIdle === undefined) this.idleHead = nextIdle;
    else prevIdle.nextIdle = nextIdle;
    if (nextIdle === undefined) this.idleTail = prevIdle;
    else nextIdle.prevIdle = prevIdle;
    member.prevIdle = member.nextIdle = undefined;
  }

  /** Copies the free count and the heads' keys into the shared table. */
  private publish(): void {
    const t = this.table;
    const i = this.index;
    t.free[i] = this.free;
    const idle = this.idleHead;
    t.idleHead[i] = idle?.agent;
    t.idleHeadId[i] = idle?.agentId ?? '';
    if (idle) {
      t.idle[2 * i] = idle.idleSinceMs;
      t.idle[2 * i + 1] = idle.idleSeq;
    }
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
    this.publish();
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
